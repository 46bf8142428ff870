package io.netflixevents.consumer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.netflixevents.event.MovieDetailsViewedEvent;
import io.netflixevents.testsupport.AwsEmulator;
import io.netflixevents.testsupport.DynamoDbFaults;
import io.netflixevents.testsupport.DynamoDbFaults.Fault;
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
 * transaction holds one of the items or a partition is throttled: retried in place, applied once.
 */
class EventApplierContentionTests {

	private static final DynamoDbClient direct = Tables.client(AwsEmulator.shared());

	private DynamoDbFaults faults;

	private DynamoDbProxy proxy;

	private ServiceTable table;

	@BeforeEach
	void start() {
		faults = DynamoDbFaults.seeded(14);
		proxy = DynamoDbProxy.start(AwsEmulator.shared().endpoint(), faults);
		table = new ServiceTable(Tables.client(proxy.endpoint()), Tables.createServiceTable(direct, "contention-test"));
	}

	@AfterEach
	void stop() {
		proxy.close();
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
		faults.inject("TransactWriteItems", 1, 4, Fault.TRANSACTION_CONFLICT, Fault.TRANSACTION_THROTTLED);
		var event = event();

		assertThat(applier(Duration.ofSeconds(20)).apply(event)).isEqualTo(EventApplier.Outcome.APPLIED);

		assertThat(faults.calls("TransactWriteItems")).isEqualTo(5);
		assertThat(Items.longOf(table.get("SEEN#" + event.eventId(), "COUNT"), "applications")).isEqualTo(1);
	}

	@Test
	void givesTheMessageBackOnceTheBudgetIsSpent() {
		faults.inject("TransactWriteItems", 1, Fault.TRANSACTION_CONFLICT);
		var event = event();

		assertThatExceptionOfType(TransactionCanceledException.class)
			.isThrownBy(() -> applier(Duration.ofMillis(300)).apply(event));

		assertThat(faults.injected(Fault.TRANSACTION_CONFLICT)).isGreaterThan(1);
		assertThat(table.get("SEEN#" + event.eventId(), "COUNT")).isEmpty();
	}

}
