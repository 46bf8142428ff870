package io.netflixevents.consumer;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.netflixevents.event.MovieDetailsViewedEvent;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionInProgressException;

/**
 * Applies an event exactly once: the handler's writes, a marker {@code EVENT#<id> / APPLIED} that must not exist
 * yet, and {@code ADD applied 1} on one of {@value #COUNTER_SHARDS} counter items, in one DynamoDB transaction.
 * If the marker exists the event was applied before (a redelivery, or another instance was faster) and nothing
 * changes. Contention and throttling (a conflicting transaction on one of the items, a partition over its throughput,
 * the account's request limit) are retried here with jittered backoff within {@link ApplierProperties#retryBudget()},
 * so that they cost time, not one of the message's receives.
 */
class EventApplier {

	/**
	 * Spreads the applied count: at 10,000 events/s a shard takes 100 transactions/s, 200 WCU/s, and the count is
	 * one BatchGetItem.
	 */
	static final int COUNTER_SHARDS = 100;

	static final int MAX_HANDLER_WRITES = 23;

	static final String MARKER_PREFIX = "EVENT#";

	static final String MARKER_SK = "APPLIED";

	static final String COUNTER_PREFIX = "APPLIED_COUNT#";

	static final String COUNTER_SK = "COUNT";

	/** Markers outlive any redelivery: SQS keeps a message 14 days at most, in a DLQ included. */
	private static final Duration MARKER_LIFETIME = Duration.ofDays(30);

	/** Cancellation reasons that mean "try again later", not "this write is wrong". */
	private static final Set<String> TRANSIENT_REASONS = Set.of("TransactionConflict", "ThrottlingError",
			"ProvisionedThroughputExceeded");

	private final ServiceTable table;

	private final MovieDetailsViewedHandler handler;

	private final ApplierProperties properties;

	private final Clock clock;

	EventApplier(ServiceTable table, MovieDetailsViewedHandler handler, ApplierProperties properties, Clock clock) {
		this.table = table;
		this.handler = handler;
		this.properties = properties;
		this.clock = clock;
	}

	enum Outcome {

		APPLIED, DUPLICATE

	}

	Outcome apply(MovieDetailsViewedEvent event) {
		Outcome outcome = commit(event);
		handler.committed(event);
		return outcome;
	}

	private Outcome commit(MovieDetailsViewedEvent event) {
		Backoff backoff = new Backoff(properties);
		for (;;) {
			try {
				List<TransactWriteItem> writes = writesFor(event);
				table.client().transactWriteItems(request -> request.transactItems(writes));
				return Outcome.APPLIED;
			}
			catch (TransactionCanceledException ex) {
				List<CancellationReason> reasons = ex.cancellationReasons();
				if (!reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
					return Outcome.DUPLICATE;
				}
				if (!retryable(reasons) || !backoff.pause()) {
					throw ex;
				}
			}
			catch (ProvisionedThroughputExceededException | RequestLimitExceededException
					| TransactionInProgressException ex) {
				if (!backoff.pause()) {
					throw ex;
				}
			}
			catch (DynamoDbException ex) {
				if (!ex.isThrottlingException() || !backoff.pause()) {
					throw ex;
				}
			}
		}
	}

	private List<TransactWriteItem> writesFor(MovieDetailsViewedEvent event) {
		List<TransactWriteItem> writes = new ArrayList<>(handler.writesFor(event));
		if (writes.size() > MAX_HANDLER_WRITES) {
			throw new IllegalStateException("a handler may write at most " + MAX_HANDLER_WRITES + " items");
		}
		writes.add(0, marker(event));
		writes.add(1, countApplication(event));
		return writes;
	}

	/** Contention or throttling on one of the items, not a write that is wrong. */
	private static boolean retryable(List<CancellationReason> reasons) {
		return reasons.stream().map(CancellationReason::code).anyMatch(TRANSIENT_REASONS::contains);
	}

	private TransactWriteItem marker(MovieDetailsViewedEvent event) {
		var now = clock.instant();
		return TransactWriteItem.builder()
			.put(put -> put.tableName(table.name())
				.item(Map.of(Items.PK, Items.s(MARKER_PREFIX + event.eventId()), Items.SK,
						Items.s(MARKER_SK), "appliedAt", Items.s(now.toString()), "expiresAt",
						Items.n(now.plus(MARKER_LIFETIME).getEpochSecond())))
				.conditionExpression("attribute_not_exists(pk)"))
			.build();
	}

	private TransactWriteItem countApplication(MovieDetailsViewedEvent event) {
		int shard = Math.floorMod(event.eventId().hashCode(), COUNTER_SHARDS);
		return TransactWriteItem.builder()
			.update(update -> update.tableName(table.name())
				.key(Items.key(COUNTER_PREFIX + shard, COUNTER_SK))
				.updateExpression("ADD applied :one")
				.expressionAttributeValues(Map.of(":one", Items.n(1))))
			.build();
	}

}
