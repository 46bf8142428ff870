package io.netflixevents.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.netflixevents.event.EventJson;
import io.netflixevents.event.MovieDetailsViewedEvent;
import io.netflixevents.testsupport.AwsEmulator;
import io.netflixevents.testsupport.FaultProxy;
import io.netflixevents.testsupport.Processes;
import io.netflixevents.testsupport.RunningSystem;
import io.netflixevents.testsupport.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static io.netflixevents.testsupport.RunningSystem.CONSUMERS;
import static io.netflixevents.testsupport.RunningSystem.FRONTEND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Faults of the whole fan-out, five services as processes whose every AWS call passes a {@link FaultProxy}: duplicate
 * deliveries, poison messages, a store outage long enough to dead-letter events and their redrive, S3 failing under
 * a publish that succeeds, and the path to AWS cut and restored. Each test adds the events it got accepted to one
 * ledger; after each, every consumer must have applied exactly the ledger's events, each once, and S3 must hold
 * exactly one object per event.
 */
class FanOutFaultsIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String USER_SERVICE = "user-service";

	private static final Duration APPLIED_WITHIN = Duration.ofSeconds(90);

	/** How long the path to AWS stays cut. */
	private static final Duration OUTAGE = Duration.ofSeconds(15);

	/** The frontend's bound on an AWS call during these tests, retries included. */
	private static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);

	private static AwsEmulator aws;

	private static Deliveries deliveries;

	private static FaultProxy awsPath;

	/** Between user-service and {@link #awsPath}, for DynamoDB only: its store can fail while SQS works. */
	private static FaultProxy userStore;

	/** Between the frontend and {@link #awsPath}, for S3 only: the archive can fail while SNS works. */
	private static FaultProxy frontendArchive;

	private static RunningSystem system;

	private static EventTraffic traffic;

	/** Every event the frontend accepted in this class: each consumer must apply each exactly once. */
	private static final Set<UUID> ledger = ConcurrentHashMap.newKeySet();

	@BeforeAll
	static void startSystem() {
		aws = AwsEmulator.shared();
		awsPath = FaultProxy.start(aws.endpoint());
		userStore = FaultProxy.start(awsPath.endpoint());
		frontendArchive = FaultProxy.start(awsPath.endpoint());
		deliveries = new Deliveries(aws).withFreshTables(CONSUMERS, "fan-out-faults");
		for (String consumer : CONSUMERS) { // nothing left over from other test classes
			deliveries.queues().purge(queueOf(consumer));
			deliveries.queues().purge(deadLetterQueueOf(consumer));
		}
		RunningSystem.Builder builder = RunningSystem.builder(aws)
			.awsEndpoint(awsPath.endpoint())
			.environment(FRONTEND, "AWS_CALL_TIMEOUT", CALL_TIMEOUT.toSeconds() + "s")
			.environment(FRONTEND, "AWS_ATTEMPT_TIMEOUT", "1s")
			.environment(FRONTEND, "SPRING_CLOUD_AWS_S3_ENDPOINT", frontendArchive.endpoint().toString())
			.environment(USER_SERVICE, RunningSystem.DYNAMODB_ENDPOINT_VARIABLE, userStore.endpoint().toString());
		CONSUMERS.forEach(consumer -> builder.environment(consumer, "AWS_DYNAMODB_TABLE", deliveries.tableOf(consumer)));
		system = builder.start();
		traffic = new EventTraffic(system::frontendUrl);
	}

	@AfterAll
	static void stopSystem() {
		if (system != null) {
			system.close();
		}
		if (userStore != null) {
			userStore.close();
		}
		if (frontendArchive != null) {
			frontendArchive.close();
		}
		if (awsPath != null) {
			awsPath.close();
		}
		if (deliveries != null) {
			deliveries.close();
		}
	}

	/** The same event posted three times and sent twice more straight into every queue. */
	@Test
	void duplicatesOfAnEventAreAppliedOncePerService() {
		List<MovieDetailsViewedEvent> events = EventTraffic.newEvents("duplicates", 10, 4, 20);
		for (MovieDetailsViewedEvent event : events) {
			List<EventTraffic.Answer> answers = List.of(traffic.post(event), traffic.post(event), traffic.post(event));
			assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.body()).isEqualTo(202));
			assertThat(answers).extracting(answer -> answer.json().get("eventId").asString())
				.containsOnly(event.eventId().toString());
			assertThat(answers).extracting(answer -> answer.json().get("s3Key").asString()).hasSize(3).containsOnly(
					answers.get(0).json().get("s3Key").asString());
		}
		ledger.addAll(EventTraffic.idsOf(events));
		int sentStraight = 0;
		for (String consumer : CONSUMERS) {
			String queueUrl = queueOf(consumer);
			for (MovieDetailsViewedEvent event : events) {
				String json = EventJson.encode(event);
				deliveries.sqs().sendMessage(request -> request.queueUrl(queueUrl).messageBody(json));
				deliveries.sqs().sendMessage(request -> request.queueUrl(queueUrl).messageBody(snsEnvelopeOf(json)));
				sentStraight += 2;
			}
		}
		assertThat(sentStraight).isEqualTo(80);

		// every copy is delivered once the queues are empty: only then are the figures final
		CONSUMERS.forEach(consumer -> deliveries.awaitDrained(queueOf(consumer), APPLIED_WITHIN));
		assertEveryConsumerAppliedTheLedgerOnce();
		assertNothingDeadLettered();
	}

	/**
	 * A message that is not JSON, one that is not a valid event and one of an unknown schema version,
	 * published to the topic, reach every service's DLQ after 5 receives, each logged once, while valid events keep
	 * being applied.
	 */
	@Test
	void poisonMessagesOfEachKindAreDeadLetteredWhileValidEventsFlow() throws Exception {
		Map<String, String> poison = new LinkedHashMap<>();
		poison.put("not JSON", "MovieDetailsViewed user=42 movie=7 {");
		ObjectNode invalid = (ObjectNode) JSON.readTree(EventJson.encode(EventTraffic.newEvent("poison", 7)));
		invalid.put("movieId", -7).remove("userId");
		poison.put("not a valid event", JSON.writeValueAsString(invalid));
		ObjectNode unknownVersion = (ObjectNode) JSON.readTree(EventJson.encode(EventTraffic.newEvent("poison", 8)));
		unknownVersion.put("schemaVersion", 99);
		poison.put("unknown schemaVersion", JSON.writeValueAsString(unknownVersion));

		List<MovieDetailsViewedEvent> valid = EventTraffic.newEvents("beside-poison", 30, 5, 20);
		EventTraffic.Load load = traffic.start(valid, 2);
		try (SnsClient sns = aws.sns()) {
			String topicArn = sns.createTopic(request -> request.name("netflix-events-topic")).topicArn();
			poison.values().forEach(body -> sns.publish(request -> request.topicArn(topicArn).message(body)));
		}
		ledger.addAll(EventTraffic.idsOf(load.awaitAccepted(Duration.ofSeconds(60))));
		assertEveryConsumerAppliedTheLedgerOnce();

		for (String consumer : CONSUMERS) {
			String dlq = deadLetterQueueOf(consumer);
			await(consumer + "'s DLQ holds the poison").atMost(APPLIED_WITHIN)
				.pollInterval(Duration.ofSeconds(1))
				.until(() -> deliveries.queues().depth(dlq) >= poison.size());
			Map<String, String> deadLettered = deliveries.messagesIn(dlq);
			assertThat(deadLettered.values()).as(consumer + "'s DLQ")
				.containsExactlyInAnyOrderElementsOf(poison.values());
			deadLettered.keySet()
				.forEach(messageId -> assertThat(deadLetterLogLines(consumer, messageId))
					.as(consumer + " logs dead-lettering " + messageId + " once")
					.hasSize(1));
			deliveries.awaitDrained(queueOf(consumer), APPLIED_WITHIN);
			deliveries.queues().purge(dlq);
		}
		assertEveryConsumerAppliedTheLedgerOnce();
	}

	/**
	 * Redrive: user-service's table is unreachable long enough for its events to fail 5 receives and be
	 * dead-lettered (the other services apply them meanwhile); once the store is back, {@code redrive.sh} moves them
	 * back and user-service applies each once.
	 */
	@Test
	void redriveBringsBackEventsDeadLetteredDuringAStoreOutage() {
		String dlq = deadLetterQueueOf(USER_SERVICE);
		userStore.cut();
		List<MovieDetailsViewedEvent> events = EventTraffic.newEvents("store-outage", 8, 4, 20);
		try {
			events.forEach(event -> traffic.postUntilAccepted(event, Duration.ofSeconds(30)));
			ledger.addAll(EventTraffic.idsOf(events));
			CONSUMERS.stream()
				.filter(consumer -> !consumer.equals(USER_SERVICE))
				.forEach(this::assertAppliedTheLedgerOnce);
			await("user-service dead-lettered the events it could not store").atMost(Duration.ofSeconds(150))
				.pollInterval(Duration.ofSeconds(1))
				.until(() -> deliveries.queues().depth(dlq) == events.size());
			Map<String, String> deadLettered = deliveries.messagesIn(dlq);
			assertThat(deadLettered.values().stream().map(body -> EventJson.decode(body).eventId()))
				.containsExactlyInAnyOrderElementsOf(EventTraffic.idsOf(events));
			deadLettered.keySet()
				.forEach(messageId -> assertThat(deadLetterLogLines(USER_SERVICE, messageId)).hasSize(1));
		}
		finally {
			userStore.restore();
		}

		String output = Processes.run(List.of("bash", "infra/aws/redrive.sh", USER_SERVICE), aws.environment(),
				Duration.ofMinutes(2));
		assertThat(output).contains("moved " + events.size() + " message(s) from netflix-events-user-dlq to "
				+ RunningSystem.queueNameOf(USER_SERVICE));
		assertAppliedTheLedgerOnce(USER_SERVICE);
		deliveries.awaitDrained(queueOf(USER_SERVICE), APPLIED_WITHIN);
		assertEveryConsumerAppliedTheLedgerOnce();
		assertNothingDeadLettered();
	}

	/**
	 * S3 fails while the publish beside it succeeds: the client gets 503 and never retries. The event reached the
	 * topic, so every consumer applies it, and the archive completion stores it once S3 is back.
	 */
	@Test
	void anEventPublishedWhileS3FailedIsArchivedThoughItsClientNeverRetries() {
		MovieDetailsViewedEvent event = EventTraffic.newEvent("archive-cut", 21);
		EventTraffic.Answer answer;
		try {
			frontendArchive.cut();
			answer = traffic.post(event);
		}
		finally {
			frontendArchive.restore();
		}
		assertThat(answer.status()).as(answer.body()).isEqualTo(503);
		assertThat(answer.body()).contains("storing the event in S3 failed");
		ledger.add(event.eventId());

		// the archive queue holds the message back 15 s; then a poll, a HEAD and a PUT
		await("the archive completion stored " + event.eventId()).atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> deliveries.archivedCopies().containsKey(event.eventId()));
		assertEveryConsumerAppliedTheLedgerOnce();
		assertThat(system.process(FRONTEND).logLinesContaining("Archived event " + event.eventId())).hasSize(1);
	}

	/**
	 * The path to AWS stalls, then is cut, for a while. The frontend answers 503 within its call timeout
	 * the whole time; the clients' retries (same eventId) are accepted once it is back; the consumers recover
	 * without a restart; every event accepted before, and every one accepted after, is applied once.
	 */
	@Test
	void pathToAwsCutAndRestoredLosesNothing() {
		Map<String, Long> pids = new HashMap<>();
		system.services().forEach(service -> pids.put(service, system.process(service).pid()));

		List<MovieDetailsViewedEvent> before = EventTraffic.newEvents("before-cut", 15, 5, 20);
		before.forEach(event -> traffic.postUntilAccepted(event, Duration.ofSeconds(30)));
		ledger.addAll(EventTraffic.idsOf(before));

		List<MovieDetailsViewedEvent> refused = new ArrayList<>();
		List<EventTraffic.Answer> answers = new ArrayList<>();
		try {
			awsPath.stall(); // packets vanish: only the frontend's timeouts end its calls
			for (MovieDetailsViewedEvent event : EventTraffic.newEvents("stalled", 3, 3, 20)) {
				answers.add(traffic.post(event));
				refused.add(event);
			}
			awsPath.cut(); // connections reset: calls fail fast, consumers' polls fail and back off
			long outageEnds = System.nanoTime() + OUTAGE.toNanos();
			while (System.nanoTime() < outageEnds) { // clients keep coming for the whole outage, two a second
				MovieDetailsViewedEvent event = EventTraffic.newEvent("during-cut", 1 + refused.size());
				answers.add(traffic.post(event));
				refused.add(event);
				EventTraffic.pause(Duration.ofMillis(500));
			}
		}
		finally {
			awsPath.restore();
		}
		assertThat(answers).hasSizeGreaterThan(5).allSatisfy(answer -> {
			assertThat(answer.status()).as(answer.body()).isEqualTo(503);
			assertThat(answer.took()).isLessThan(CALL_TIMEOUT.plusMillis(1500));
		});
		assertThat(awsPath.refusedConnections()).isPositive();

		refused.forEach(event -> traffic.postUntilAccepted(event, Duration.ofSeconds(30))); // the clients' retries
		ledger.addAll(EventTraffic.idsOf(refused));
		List<MovieDetailsViewedEvent> after = EventTraffic.newEvents("after-cut", 15, 5, 20);
		after.forEach(event -> traffic.postUntilAccepted(event, Duration.ofSeconds(30)));
		ledger.addAll(EventTraffic.idsOf(after));

		CONSUMERS.forEach(consumer -> deliveries.awaitDrained(queueOf(consumer), APPLIED_WITHIN));
		assertEveryConsumerAppliedTheLedgerOnce();
		assertNothingDeadLettered();
		system.services()
			.forEach(service -> assertThat(system.process(service).pid()).as(service + " was not restarted")
				.isEqualTo(pids.get(service)));
	}

	private void assertAppliedTheLedgerOnce(String consumer) {
		deliveries.awaitAppliedExactlyOnce(system, consumer, Set.copyOf(ledger), APPLIED_WITHIN);
	}

	private void assertEveryConsumerAppliedTheLedgerOnce() {
		CONSUMERS.forEach(this::assertAppliedTheLedgerOnce);
		Map<UUID, Integer> archived = deliveries.archivedCopies();
		assertThat(ledger).allSatisfy(eventId -> assertThat(archived.get(eventId)).as("objects archived for " + eventId)
			.isEqualTo(1));
	}

	private static void assertNothingDeadLettered() {
		CONSUMERS.forEach(consumer -> assertThat(deliveries.queues().depth(deadLetterQueueOf(consumer)))
			.as(consumer + "'s DLQ")
			.isZero());
	}

	private static List<String> deadLetterLogLines(String consumer, String messageId) {
		return system.instances(consumer)
			.stream()
			.flatMap(instance -> instance.logLinesContaining("Dead-lettering message " + messageId).stream())
			.toList();
	}

	private static String queueOf(String consumer) {
		return deliveries.queues().urlOf(RunningSystem.queueNameOf(consumer));
	}

	private static String deadLetterQueueOf(String consumer) {
		return deliveries.queues().urlOf(RunningSystem.queueNameOf(consumer) + "-dlq");
	}

	/** The SNS notification envelope a subscription without raw delivery wraps around the event. */
	private static String snsEnvelopeOf(String json) {
		return JSON.writeValueAsString(JSON.createObjectNode()
			.put("Type", "Notification")
			.put("MessageId", UUID.randomUUID().toString())
			.put("TopicArn", "arn:aws:sns:" + AwsEmulator.REGION + ":123456789012:netflix-events-topic")
			.put("Message", json)
			.put("Timestamp", java.time.Instant.now().toString()));
	}

}
