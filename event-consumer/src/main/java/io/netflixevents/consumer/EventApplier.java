package io.netflixevents.consumer;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.netflixevents.event.MovieDetailsViewedEvent;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Applies an event exactly once: the handler's writes, a marker {@code EVENT#<id> / APPLIED} that must not exist
 * yet, and {@code ADD applied 1} on one of {@value #COUNTER_SHARDS} counter items, in one DynamoDB transaction.
 * If the marker exists the event was applied before (a redelivery, or another instance was faster) and nothing
 * changes. If one of the handler's own conditions failed, another instance changed the same items meanwhile: the
 * handler is asked again with fresh reads, a few times.
 */
class EventApplier {

	static final int COUNTER_SHARDS = 16;

	static final int MAX_HANDLER_WRITES = 23;

	static final String MARKER_PREFIX = "EVENT#";

	static final String MARKER_SK = "APPLIED";

	static final String COUNTER_PREFIX = "APPLIED_COUNT#";

	static final String COUNTER_SK = "COUNT";

	/** Markers outlive any redelivery: SQS keeps a message 14 days at most, in a DLQ included. */
	private static final Duration MARKER_LIFETIME = Duration.ofDays(30);

	private static final int ATTEMPTS = 5;

	private final ServiceTable table;

	private final MovieDetailsViewedHandler handler;

	private final Clock clock;

	EventApplier(ServiceTable table, MovieDetailsViewedHandler handler, Clock clock) {
		this.table = table;
		this.handler = handler;
		this.clock = clock;
	}

	enum Outcome {

		APPLIED, DUPLICATE

	}

	Outcome apply(MovieDetailsViewedEvent event) {
		for (int attempt = 1;; attempt++) {
			List<TransactWriteItem> writes = new ArrayList<>(handler.writesFor(event));
			if (writes.size() > MAX_HANDLER_WRITES) {
				throw new IllegalStateException("a handler may write at most " + MAX_HANDLER_WRITES + " items");
			}
			writes.add(0, marker(event));
			writes.add(1, countApplication(event));
			try {
				table.client().transactWriteItems(request -> request.transactItems(writes));
				return Outcome.APPLIED;
			}
			catch (TransactionCanceledException ex) {
				List<CancellationReason> reasons = ex.cancellationReasons();
				if (!reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
					return Outcome.DUPLICATE;
				}
				if (attempt == ATTEMPTS) {
					throw ex;
				}
			}
		}
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
