package io.netflixevents.frontend.archive;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.netflixevents.event.EventArchiveKey;
import io.netflixevents.event.EventJson;
import io.netflixevents.event.MovieDetailsViewedEvent;
import io.netflixevents.testsupport.AwsEmulator;
import io.netflixevents.testsupport.Queues;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The archive completion on the emulator's topic, archive queue (infra/local/topology.sh) and bucket: an event that
 * reached the topic but not S3, as when its ingest's S3 put failed beside a publish that succeeded, ends up in S3;
 * one that S3 holds is left as it is; a message that is no event goes to the queue's dead-letter queue.
 */
@SpringBootTest(properties = "netflix.events.archive-completion.enabled=true")
@DirtiesContext // its listener stops with this class: other classes count the bucket's objects
class ArchiveCompletionTests {

	private static final AwsEmulator aws = AwsEmulator.shared();

	private static final String BUCKET = "netflix-events-archive";

	private static final String QUEUE = "netflix-events-archive";

	/** The queue holds each message back 15 s; then a poll, a HEAD and a PUT. */
	private static final Duration STORED_WITHIN = Duration.ofSeconds(60);

	private static final S3Client s3 = aws.s3();

	private static final SqsClient sqs = aws.sqs();

	private static final Queues queues = new Queues(sqs);

	@DynamicPropertySource
	static void emulator(DynamicPropertyRegistry registry) {
		aws.register(registry);
	}

	@AfterAll
	static void closeClients() {
		s3.close();
		sqs.close();
	}

	@Autowired
	MeterRegistry meters;

	@Test
	void storesAnEventThatWasPublishedButNeverStored() {
		MovieDetailsViewedEvent event = newEvent("published-only");
		double completedBefore = completed();

		publish(EventJson.encode(event));

		await().atMost(STORED_WITHIN)
			.untilAsserted(() -> assertThat(archived(EventArchiveKey.of(event))).isPresent()
				.hasValueSatisfying(json -> assertThat(EventJson.decode(json)).isEqualTo(event)));
		assertThat(completed()).isGreaterThanOrEqualTo(completedBefore + 1);
	}

	@Test
	void leavesAnEventThatS3HoldsAsItIs() {
		MovieDetailsViewedEvent event = newEvent("stored-by-its-ingest");
		String key = EventArchiveKey.of(event);
		String stored = EventJson.encode(event).replace("\"userId\"", "\"storedBy\":\"its ingest\",\"userId\"");
		s3.putObject(request -> request.bucket(BUCKET).key(key), RequestBody.fromString(stored));

		publish(EventJson.encode(event));

		String queueUrl = queues.urlOf(QUEUE);
		assertThat(messagesIn(queueUrl)).as("ours, held back by the queue").isPositive();
		await().atMost(STORED_WITHIN).until(() -> messagesIn(queueUrl) == 0); // ours among them, handled
		assertThat(archived(key)).contains(stored);
	}

	@Test
	void sendsAMessageThatIsNoEventToTheDeadLetterQueue() {
		String body = "no event " + UUID.randomUUID();
		String queueUrl = queues.urlOf(QUEUE);
		sqs.sendMessage(request -> request.queueUrl(queueUrl).messageBody(body).delaySeconds(0));

		// five receives, each failing, 1 + 2 + 4 + 8 s apart
		await().atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> queues.peek(queues.deadLetterQueueOf(queueUrl))
				.stream()
				.anyMatch(message -> message.body().equals(body)));
	}

	private double completed() {
		return meters.counter("netflix.events.archive.completed").count();
	}

	private static MovieDetailsViewedEvent newEvent(String userId) {
		return MovieDetailsViewedEvent.of(UUID.randomUUID(), Instant.now(), userId, 603, "The Matrix",
				List.of("Action"), "s-1", "web");
	}

	private static void publish(String json) {
		try (SnsClient sns = aws.sns()) {
			String topicArn = sns.createTopic(request -> request.name("netflix-events-topic")).topicArn();
			sns.publish(request -> request.topicArn(topicArn).message(json));
		}
	}

	private static Optional<String> archived(String key) {
		try {
			return Optional.of(s3.getObjectAsBytes(request -> request.bucket(BUCKET).key(key)).asUtf8String());
		}
		catch (NoSuchKeyException ex) {
			return Optional.empty();
		}
	}

	/** Waiting, held back by the queue's delay, and received but not deleted. */
	private static int messagesIn(String queueUrl) {
		Map<QueueAttributeName, String> attributes = sqs
			.getQueueAttributes(request -> request.queueUrl(queueUrl)
				.attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
						QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED,
						QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
			.attributes();
		return attributes.values().stream().mapToInt(Integer::parseInt).sum();
	}

}
