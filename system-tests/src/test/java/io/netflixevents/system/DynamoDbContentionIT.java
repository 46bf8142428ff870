package io.netflixevents.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.netflixevents.event.MovieDetailsViewedEvent;
import io.netflixevents.testsupport.AwsEmulator;
import io.netflixevents.testsupport.DynamoDbFaults;
import io.netflixevents.testsupport.DynamoDbFaults.Fault;
import io.netflixevents.testsupport.DynamoDbProxy;
import io.netflixevents.testsupport.RunningSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.netflixevents.testsupport.RunningSystem.CONSUMERS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * DynamoDB's contention and throttling errors, normal on AWS under load, are survived. Each consumer's
 * DynamoDB calls pass its own {@link DynamoDbProxy} with {@link DynamoDbFaults}: a quarter of its transactions are
 * cancelled ({@code TransactionConflict}, which holds the item for a while as a transaction in progress does, or
 * {@code ThrottlingError}) or throttled ({@code ProvisionedThroughputExceeded}, {@code ThrottlingException},
 * {@code RequestLimitExceeded}), and a tenth of its reads are throttled. Every accepted event must still be applied
 * by every consumer exactly once, with nothing dead-lettered and no delivery failed: contention costs time, not one
 * of a message's five receives.
 */
class DynamoDbContentionIT {

	private static final Duration APPLIED_WITHIN = Duration.ofMinutes(3);

	/** How long a conflict keeps the item it names busy: retrying at once runs into it again. */
	private static final Duration CONFLICT_HOLD = Duration.ofMillis(300);

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private static Deliveries deliveries;

	private static final Map<String, DynamoDbFaults> faults = new HashMap<>();

	private static final Map<String, DynamoDbProxy> stores = new HashMap<>();

	private static RunningSystem system;

	private static EventTraffic traffic;

	@BeforeAll
	static void startSystem() {
		AwsEmulator aws = AwsEmulator.shared();
		deliveries = new Deliveries(aws).withFreshTables(CONSUMERS, "contention");
		for (String consumer : CONSUMERS) { // nothing left over from other test classes
			deliveries.queues().purge(queueOf(consumer));
			deliveries.queues().purge(deadLetterQueueOf(consumer));
		}
		RunningSystem.Builder builder = RunningSystem.builder(aws);
		long seed = 14;
		for (String consumer : CONSUMERS) {
			DynamoDbFaults injector = DynamoDbFaults.seeded(seed++)
				.inject("TransactWriteItems", 0.25, Fault.TRANSACTION_CONFLICT, Fault.TRANSACTION_CONFLICT,
						Fault.TRANSACTION_THROTTLED, Fault.PROVISIONED_THROUGHPUT_EXCEEDED, Fault.THROTTLING,
						Fault.REQUEST_LIMIT_EXCEEDED)
				.holdConflicts(CONFLICT_HOLD);
			for (String read : List.of("GetItem", "BatchGetItem", "Query")) {
				injector.inject(read, 0.1, Fault.PROVISIONED_THROUGHPUT_EXCEEDED, Fault.THROTTLING,
						Fault.REQUEST_LIMIT_EXCEEDED);
			}
			DynamoDbProxy store = DynamoDbProxy.start(aws.endpoint(), injector);
			faults.put(consumer, injector);
			stores.put(consumer, store);
			builder.environment(consumer, RunningSystem.DYNAMODB_ENDPOINT_VARIABLE, store.endpoint().toString())
				.environment(consumer, "AWS_DYNAMODB_TABLE", deliveries.tableOf(consumer));
		}
		system = builder.start();
		traffic = new EventTraffic(system::frontendUrl);
	}

	@AfterAll
	static void stopSystem() {
		if (system != null) {
			system.close();
		}
		stores.values().forEach(DynamoDbProxy::close);
		if (deliveries != null) {
			deliveries.close();
		}
	}

	@Test
	void everyConsumerAppliesEveryAcceptedEventOnceThroughContentionAndThrottling() {
		List<MovieDetailsViewedEvent> events = EventTraffic.newEvents("contention", 300, 20, 15);
		Set<UUID> accepted = EventTraffic.idsOf(traffic.start(events, 20).awaitAccepted(Duration.ofMinutes(2)));
		assertThat(accepted).hasSize(events.size());

		for (String consumer : CONSUMERS) {
			deliveries.awaitAppliedExactlyOnce(system, consumer, accepted, APPLIED_WITHIN);
		}
		for (String consumer : CONSUMERS) {
			deliveries.awaitDrained(queueOf(consumer), APPLIED_WITHIN);
			assertThat(deliveries.applications(system, consumer)).as(consumer + " applications once drained")
				.isEqualTo(accepted.size());
			assertThat(deliveries.markers(consumer)).as(consumer + " distinct events applied once drained")
				.isEqualTo(accepted.size());
			assertThat(deliveries.queues().depth(deadLetterQueueOf(consumer))).as(consumer + "'s DLQ").isZero();
			assertThat(failedDeliveries(consumer)).as(consumer + " deliveries that failed and came back").isZero();
			assertThat(system.process(consumer).logLinesContaining("Dead-lettering message"))
				.as(consumer + " dead-lettering")
				.isEmpty();
		}

		// the faults really happened, of every kind, at every consumer
		for (String consumer : CONSUMERS) {
			DynamoDbFaults injected = faults.get(consumer);
			assertThat(injected.injected("TransactWriteItems", Fault.TRANSACTION_CONFLICT))
				.as(consumer + " conflicts " + injected)
				.isGreaterThanOrEqualTo(10);
			for (Fault fault : Fault.values()) {
				assertThat(injected.injected(fault)).as(consumer + " " + fault + " " + injected).isPositive();
			}
		}
	}

	/** The consumer's {@code netflix.events.failures} counter: deliveries whose handling threw. */
	private static double failedDeliveries(String consumer) {
		try {
			String metrics = HTTP
				.send(HttpRequest.newBuilder(URI.create(system.urlOf(consumer) + "/actuator/prometheus"))
					.timeout(Duration.ofSeconds(30))
					.build(), HttpResponse.BodyHandlers.ofString())
				.body();
			List<String> lines = metrics.lines().filter(line -> line.startsWith("netflix_events_failures_total")).toList();
			assertThat(lines).as(consumer + " exposes netflix_events_failures_total").isNotEmpty();
			return lines.stream().mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String queueOf(String consumer) {
		return deliveries.queues().urlOf(RunningSystem.queueNameOf(consumer));
	}

	private static String deadLetterQueueOf(String consumer) {
		return deliveries.queues().urlOf(RunningSystem.queueNameOf(consumer) + "-dlq");
	}

}
