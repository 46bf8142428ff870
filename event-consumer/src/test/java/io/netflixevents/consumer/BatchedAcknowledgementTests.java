package io.netflixevents.consumer;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.netflixevents.event.EventJson;
import io.netflixevents.event.MovieDetailsViewedEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Batched deletes against the emulator's real SQS, when the queue delivers one message twice before its batch is
 * sent. The queue's visibility timeout is 1 s and a batch waits for two succeeded deliveries, so the two deliveries
 * of the one message end up in one {@code DeleteMessageBatch}: with Spring Cloud AWS 4.1.0's own ids SQS rejects it
 * (spring-cloud-aws#1634), the message keeps coming back and finally lands, applied, in the dead-letter queue.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class BatchedAcknowledgementTests {

	private static final ListenerTestbed testbed = new ListenerTestbed("batched-acks", 1, 6);

	@DynamicPropertySource
	static void emulator(DynamicPropertyRegistry registry) {
		testbed.register(registry);
		registry.add("netflix.events.listener.acknowledgement-threshold", () -> "2");
		registry.add("netflix.events.listener.acknowledgement-interval", () -> "60s");
	}

	@AfterAll
	static void closeClients() {
		testbed.close();
	}

	@Autowired
	RecordingHandler handler;

	@Autowired
	MeterRegistry meters;

	@Test
	void deletesAMessageDeliveredTwiceInOneBatch() {
		MovieDetailsViewedEvent event = MovieDetailsViewedEvent.of(UUID.randomUUID(),
				Instant.now().truncatedTo(ChronoUnit.MILLIS), "user-1", 1, "Movie 1", List.of("Drama"), "session-1",
				"test");
		testbed.sqs.sendMessage(request -> request.queueUrl(testbed.queueUrl).messageBody(EventJson.encode(event)));

		await("the second delivery, absorbed as a duplicate").atMost(Duration.ofSeconds(20))
			.until(() -> meters.counter("netflix.events.duplicates", "queue", testbed.queueName()).count() >= 1);
		await("the batch with both deliveries to delete the message").atMost(Duration.ofSeconds(20))
			.until(() -> testbed.queues.depth(testbed.queueUrl) == 0);
		assertThat(testbed.queues.depth(testbed.deadLetterQueueUrl())).as("dead-lettered").isZero();
		assertThat(handler.applications(event.eventId())).isEqualTo(1);
	}

}
