package io.netflixevents.consumer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.netflixevents.event.MovieDetailsViewedEvent;
import io.netflixevents.testsupport.AwsEmulator;
import io.netflixevents.testsupport.DynamoDbProxy;
import io.netflixevents.testsupport.Tables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The applier against the emulator behind a proxy that cancels transactions as DynamoDB does when another
 * transaction holds one of the items: retried in place, applied once.
 */
class EventApplierContentionTests {

	private static final DynamoDbClient direct = Tables.client(AwsEmulator.shared());

	private final AtomicInteger conflictsLeft = new AtomicInteger();

	private final AtomicInteger transactions = new AtomicInteger();

	private DynamoDbProxy proxy;

	private ServiceTable table;

	@BeforeEach
	void start() {
		proxy = DynamoDbProxy.start(AwsEmulator.shared().endpoint(), new DynamoDbProxy.Interceptor() {
			@Override
			public DynamoDbProxy.Answer before(DynamoDbProxy.Call call) {
				if (!call.operation().equals("TransactWriteItems")) {
					return null;
				}
				transactions.incrementAndGet();
				return conflictsLeft.getAndDecrement() > 0 ? conflict() : null;
			}
		});
		table = new ServiceTable(Tables.client(proxy.endpoint()), Tables.createServiceTable(direct, "contention-test"));
	}

	@AfterEach
	void stop() {
		proxy.close();
	}

	/** Three items: the marker, the counter shard and the handler's one; the counter is the one in conflict. */
	private static DynamoDbProxy.Answer conflict() {
		return DynamoDbProxy.Answer.error(400, "com.amazonaws.dynamodb.v20120810#TransactionCanceledException",
				"\"message\":\"Transaction cancelled, please refer cancellation reasons for specific reasons "
						+ "[None, TransactionConflict, None]\",\"CancellationReasons\":[{\"Code\":\"None\"},"
						+ "{\"Code\":\"TransactionConflict\",\"Message\":\"Transaction is ongoing for the item\"},"
						+ "{\"Code\":\"None\"}]");
	}

	private EventApplier applier(Duration budget) {
		MovieDetailsViewedHandler handler = event -> List.of(TransactWriteItem.builder()
			.update(update -> update.tableName(table.name())
				.key(Items.key("SEEN#" + event.eventId(), "COUNT"))
				.updateExpression("ADD applications :one")
				.expressionAttributeValues(Map.of(":one", Items.n(1))))
			.build());
		return new EventApplier(table, handler, new ApplierProperties(budget, Duration.ofMillis(5), Duration.ofMillis(50)),
				Clock.systemUTC());
	}

	private static MovieDetailsViewedEvent event() {
		return MovieDetailsViewedEvent.of(UUID.randomUUID(), Instant.now(), "u", 1, "One", null, null, null);
	}

	@Test
	void retriesConflictingTransactionsInPlaceAndAppliesOnce() {
		conflictsLeft.set(4);
		var event = event();

		assertThat(applier(Duration.ofSeconds(20)).apply(event)).isEqualTo(EventApplier.Outcome.APPLIED);

		assertThat(transactions).hasValue(5);
		assertThat(Items.longOf(table.get("SEEN#" + event.eventId(), "COUNT"), "applications")).isEqualTo(1);
	}

	@Test
	void givesTheMessageBackOnceTheBudgetIsSpent() {
		conflictsLeft.set(Integer.MAX_VALUE);
		var event = event();

		assertThatExceptionOfType(TransactionCanceledException.class)
			.isThrownBy(() -> applier(Duration.ofMillis(300)).apply(event));

		assertThat(transactions.get()).isGreaterThan(1);
		assertThat(table.get("SEEN#" + event.eventId(), "COUNT")).isEmpty();
	}

}
