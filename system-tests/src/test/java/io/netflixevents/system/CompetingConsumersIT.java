package io.netflixevents.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.netflixevents.event.MovieDetailsViewedEvent;
import io.netflixevents.testsupport.AwsEmulator;
import io.netflixevents.testsupport.RunningSystem;
import io.netflixevents.testsupport.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import tools.jackson.databind.json.JsonMapper;

import static io.netflixevents.testsupport.RunningSystem.FRONTEND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several instances of one consumer on one queue, under load, while instances are killed and stopped. The frontend
 * publishes straight to a queue of this class's own (single-queue mode) whose visibility timeout is
 * {@value #VISIBILITY_TIMEOUT_SECONDS} s instead of 60, so that a killed instance's messages come back within
 * seconds. search-service is the consumer: all its instances add views to the same few time-bucket items. Each
 * test starts with two instances running, whatever the tests before it killed or stopped; after each, every event
 * accepted in this class is applied exactly once: as many applications as distinct events as accepted events.
 */
class CompetingConsumersIT {

	private static final String SERVICE = "search-service";

	private static final int VISIBILITY_TIMEOUT_SECONDS = 10;

	private static final Duration APPLIED_WITHIN = Duration.ofMinutes(3);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static Deliveries deliveries;

	private static String queueUrl;

	private static RunningSystem system;

	private static EventTraffic traffic;

	private static final Set<UUID> ledger = ConcurrentHashMap.newKeySet();

	@BeforeAll
	static void startSystem() {
		AwsEmulator aws = AwsEmulator.shared();
		deliveries = new Deliveries(aws).withFreshTables(List.of(SERVICE), "competing");
		queueUrl = deliveries.queues().createWithDeadLetterQueue("netflix-events-competing", VISIBILITY_TIMEOUT_SECONDS, 5);
		system = RunningSystem.builder(aws)
			.consumers(SERVICE)
			.instances(SERVICE, 2)
			.environment(SERVICE, "AWS_SQS_QUEUE_URL", queueUrl)
			.environment(SERVICE, "AWS_DYNAMODB_TABLE", deliveries.tableOf(SERVICE))
			.environment(FRONTEND, "AWS_SNS_TOPIC", "")
			.environment(FRONTEND, "AWS_SQS_QUEUE_URL", queueUrl)
			.start();
		traffic = new EventTraffic(system::frontendUrl);
	}

	@BeforeEach
	void twoInstancesRunning() {
		while (running().size() < 2) {
			system.startInstance(SERVICE);
		}
	}

	@AfterAll
	static void stopSystem() {
		if (system != null) {
			system.close();
		}
		if (deliveries != null) {
			deliveries.close();
		}
	}

	/** Two instances share the queue under three thousand events. */
	@Test
	void twoInstancesSharingAQueueApplyEachEventOnce() {
		List<MovieDetailsViewedEvent> events = EventTraffic.newEvents("competing", 3000, 30, 40);
		ledger.addAll(EventTraffic.idsOf(traffic.start(events, 40).awaitAccepted(Duration.ofMinutes(5))));

		assertAppliedTheLedgerOnce();
		List<ServiceProcess> instances = running();
		assertThat(instances).hasSize(2);
		Set<UUID> ours = EventTraffic.idsOf(events);
		assertThat(instances).allSatisfy(instance -> assertThat(appliedBy(instance, ours))
			.as("events applied by the instance on port " + instance.port())
			.isPositive());
		assertThat(instances).allSatisfy(instance -> assertThat(instance.logLinesContaining("BatchEntryIdsNotDistinct"))
			.as("spring-cloud-aws#1634 in the log of the instance on port " + instance.port())
			.isEmpty());
	}

	/**
	 * An instance is killed with SIGKILL while it holds messages; they come back after the visibility timeout and the
	 * survivor applies them, once.
	 */
	@Test
	void messagesOfAKilledInstanceComeBackAndAreAppliedOnceByTheSurvivor() {
		ServiceProcess victim = running().get(0);
		List<MovieDetailsViewedEvent> events = EventTraffic.newEvents("killed", 300, 30, 40);
		Set<UUID> ours = EventTraffic.idsOf(events);
		EventTraffic.Load load = traffic.start(events, 80);
		await("the victim is busy with this load").atMost(Duration.ofMinutes(1))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> appliedBy(victim, ours) >= 20 && messagesInFlight() > 0);
		victim.kill();
		assertThat(victim.isAlive()).isFalse();

		ledger.addAll(EventTraffic.idsOf(load.awaitAccepted(Duration.ofMinutes(2))));
		assertAppliedTheLedgerOnce();
	}

	/** An instance is stopped with SIGTERM under load: it finishes what it holds and exits in time. */
	@Test
	void anInstanceStoppedUnderLoadLosesNothingAndAppliesNothingTwice() {
		List<ServiceProcess> running = running();
		assertThat(running).hasSize(2);
		ServiceProcess stopping = running.get(0);
		List<MovieDetailsViewedEvent> events = EventTraffic.newEvents("terminated", 300, 30, 40);
		Set<UUID> ours = EventTraffic.idsOf(events);
		EventTraffic.Load load = traffic.start(events, 40);
		await("the instance to stop is busy with this load").atMost(Duration.ofMinutes(1))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> appliedBy(stopping, ours) >= 20 && messagesInFlight() > 0);
		long start = System.nanoTime();
		int exitCode = stopping.stop(Duration.ofSeconds(60));
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		assertThat(exitCode).as("exit code after SIGTERM").isIn(0, 143);
		assertThat(took).as("graceful shutdown").isLessThan(Duration.ofSeconds(45));
		assertThat(stopping.logLinesContaining(" ERROR ")).as("errors while stopping").isEmpty();

		ledger.addAll(EventTraffic.idsOf(load.awaitAccepted(Duration.ofMinutes(2))));
		assertAppliedTheLedgerOnce();
	}

	private static void assertAppliedTheLedgerOnce() {
		deliveries.awaitAppliedExactlyOnce(system, SERVICE, Set.copyOf(ledger), APPLIED_WITHIN);
		deliveries.awaitDrained(queueUrl, APPLIED_WITHIN);
		assertThat(deliveries.applications(system, SERVICE)).as("applications once the queue is empty")
			.isEqualTo(ledger.size());
		assertThat(deliveries.queues().depth(deliveries.queues().deadLetterQueueOf(queueUrl))).as("dead-lettered")
			.isZero();
		var archived = deliveries.archivedCopies();
		assertThat(ledger).allSatisfy(id -> assertThat(archived.get(id)).as("objects archived for " + id).isEqualTo(1));
	}

	private static List<ServiceProcess> running() {
		return system.instances(SERVICE).stream().filter(ServiceProcess::isAlive).toList();
	}

	private static int messagesInFlight() {
		return Integer.parseInt(deliveries.sqs()
			.getQueueAttributes(request -> request.queueUrl(queueUrl)
				.attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
			.attributes()
			.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
	}

	/** How many of these events the instance itself applied, from its own recent-applications list. */
	private static long appliedBy(ServiceProcess instance, Set<UUID> events) throws Exception {
		HttpResponse<String> response = HTTP.send(
				HttpRequest.newBuilder(URI.create(instance.baseUrl() + "/api/applied-events?limit=1000")).build(),
				HttpResponse.BodyHandlers.ofString());
		return JSON.readTree(response.body())
			.get("events")
			.valueStream()
			.map(event -> UUID.fromString(event.get("eventId").asString()))
			.filter(events::contains)
			.count();
	}

}
