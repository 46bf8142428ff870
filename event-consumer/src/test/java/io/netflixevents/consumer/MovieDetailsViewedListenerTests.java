package io.netflixevents.consumer;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.awspring.cloud.sqs.listener.AbstractMessageListenerContainer;
import io.awspring.cloud.sqs.listener.MessageListenerContainerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.netflixevents.event.EventJson;
import io.netflixevents.event.MovieDetailsViewedEvent;
import io.netflixevents.testsupport.Queues;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The listener contract every consumer service relies on, against the emulator's real SQS and SNS: a message is
 * deleted only after the handler returned, comes back when the handler threw, and raw and SNS-envelope bodies
 * both reach the handler as the same event.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class MovieDetailsViewedListenerTests {

	/** One second of visibility, so that a failed message comes back quickly; dead-lettered on the 3rd receive. */
	private static final ListenerTestbed testbed = new ListenerTestbed("listener-contract", 1, 3);

	private static final SqsClient sqs = testbed.sqs;

	private static final SnsClient sns = testbed.aws.sns();

	private static final Queues queues = testbed.queues;

	private static final String queueUrl = testbed.queueUrl;

	@DynamicPropertySource
	static void emulator(DynamicPropertyRegistry registry) {
		testbed.register(registry);
		// deletes go out well within the queue's 1 s visibility timeout
		registry.add("netflix.events.listener.acknowledgement-interval", () -> "100ms");
	}

	@AfterAll
	static void closeClients() {
		testbed.close();
		sns.close();
	}

	@Autowired
	RecordingHandler handler;

	@Autowired
	MeterRegistry meters;

	@Autowired
	MessageListenerContainerRegistry containers;

	@Test
	void pollsAsSpringCloudAwsListenerPropertiesSay() {
		assertThat(containers.getListenerContainers()).singleElement()
			.extracting(container -> ((AbstractMessageListenerContainer<?, ?, ?>) container).getContainerOptions())
			.satisfies(options -> {
				assertThat(options.getPollTimeout()).isEqualTo(Duration.ofSeconds(1)); // the testbed's
				assertThat(options.getMaxConcurrentMessages()).isEqualTo(40); // netflix-events-consumer.yml's
				assertThat(options.getMaxMessagesPerPoll()).isEqualTo(10);
			});
	}

	@Test
	void deletesTheMessageAfterTheHandlerReturned() {
		MovieDetailsViewedEvent event = newEvent(1);

		sqs.sendMessage(request -> request.queueUrl(queueUrl).messageBody(EventJson.encode(event)));

		await().atMost(Duration.ofSeconds(20)).until(() -> handler.handled().contains(event));
		await().atMost(Duration.ofSeconds(20)).until(() -> queues.depth(queueUrl) == 0);
		assertThat(handler.attempts(event.eventId())).isEqualTo(1);
		assertThat(handler.applications(event.eventId())).isEqualTo(1);
	}

	@Test
	void keepsTheMessageWhenTheHandlerThrowsAndProcessesItWhenItComesBack() {
		MovieDetailsViewedEvent event = newEvent(2);
		handler.failTimes(event.eventId(), 1);

		sqs.sendMessage(request -> request.queueUrl(queueUrl).messageBody(EventJson.encode(event)));

		await().atMost(Duration.ofSeconds(30)).until(() -> handler.handled().contains(event));
		assertThat(handler.attempts(event.eventId())).isEqualTo(2);
		await().atMost(Duration.ofSeconds(20)).until(() -> queues.depth(queueUrl) == 0);
	}

	@Test
	void retriesAFailedMessageAfterGrowingDelays() {
		MovieDetailsViewedEvent event = newEvent(8);
		handler.failTimes(event.eventId(), 2);

		sqs.sendMessage(request -> request.queueUrl(queueUrl).messageBody(EventJson.encode(event)));

		await().atMost(Duration.ofSeconds(30)).until(() -> handler.handled().contains(event));
		List<Long> times = handler.attemptTimes(event.eventId());
		assertThat(times).hasSize(3);
		Duration firstRetry = Duration.ofNanos(times.get(1) - times.get(0));
		Duration secondRetry = Duration.ofNanos(times.get(2) - times.get(1));
		assertThat(secondRetry).isGreaterThan(firstRetry.plusMillis(500));
	}

	@Test
	void deadLettersPoisonWhileValidMessagesKeepFlowing() {
		MovieDetailsViewedEvent valid = newEvent(9);
		String dlqUrl = queues.deadLetterQueueOf(queueUrl);
		int deadBefore = queues.depth(dlqUrl);

		sqs.sendMessage(request -> request.queueUrl(queueUrl).messageBody("this is not JSON"));
		sqs.sendMessage(request -> request.queueUrl(queueUrl).messageBody("{\"eventType\":\"MovieDetailsViewed\"}"));
		sqs.sendMessage(request -> request.queueUrl(queueUrl)
			.messageBody(EventJson.encode(newEvent(10)).replace("\"schemaVersion\":1", "\"schemaVersion\":9")));
		sqs.sendMessage(request -> request.queueUrl(queueUrl).messageBody(EventJson.encode(valid)));

		await().atMost(Duration.ofSeconds(20)).until(() -> handler.handled().contains(valid));
		await().atMost(Duration.ofSeconds(60)).until(() -> queues.depth(dlqUrl) == deadBefore + 3);
	}

	@Test
	void movesAMessageThatKeepsFailingToTheDeadLetterQueue() {
		MovieDetailsViewedEvent event = newEvent(3);
		handler.failTimes(event.eventId(), Integer.MAX_VALUE);

		sqs.sendMessage(request -> request.queueUrl(queueUrl).messageBody(EventJson.encode(event)));

		String dlqUrl = queues.deadLetterQueueOf(queueUrl);
		await().atMost(Duration.ofSeconds(60)).until(() -> queues.depth(dlqUrl) == 1);
		assertThat(queues.peek(dlqUrl)).singleElement()
			.satisfies(message -> assertThat(EventJson.decode(message.body())).isEqualTo(event));
		assertThat(handler.handled()).doesNotContain(event);
	}

	@Test
	void readsBothRawDeliveryAndTheSnsEnvelope() {
		String raw = subscribedTopic("raw", true);
		String enveloped = subscribedTopic("enveloped", false);
		MovieDetailsViewedEvent viaRaw = newEvent(4);
		MovieDetailsViewedEvent viaEnvelope = newEvent(5);

		sns.publish(request -> request.topicArn(raw).message(EventJson.encode(viaRaw)));
		sns.publish(request -> request.topicArn(enveloped).message(EventJson.encode(viaEnvelope)));

		await().atMost(Duration.ofSeconds(20)).until(() -> handler.handled().containsAll(List.of(viaRaw, viaEnvelope)));
		await().atMost(Duration.ofSeconds(20)).until(() -> queues.depth(queueUrl) == 0);
	}

	@Test
	void appliesAnEventDeliveredTwiceOnlyOnce() {
		MovieDetailsViewedEvent event = newEvent(6);
		MovieDetailsViewedEvent next = newEvent(7);

		sqs.sendMessage(request -> request.queueUrl(queueUrl).messageBody(EventJson.encode(event)));
		sqs.sendMessage(request -> request.queueUrl(queueUrl).messageBody(EventJson.encode(event)));
		sqs.sendMessage(request -> request.queueUrl(queueUrl).messageBody(EventJson.encode(next)));

		await().atMost(Duration.ofSeconds(20)).until(() -> handler.handled().contains(next));
		await().atMost(Duration.ofSeconds(20)).until(() -> queues.depth(queueUrl) == 0);
		assertThat(handler.applications(event.eventId())).isEqualTo(1);
		assertThat(handler.applications(next.eventId())).isEqualTo(1);
	}

	@Test
	void continuesTheTraceThatTheMessageCarries() {
		MovieDetailsViewedEvent event = newEvent(11);
		String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";

		sqs.sendMessage(request -> request.queueUrl(queueUrl)
			.messageBody(EventJson.encode(event))
			.messageAttributes(Map.of("traceparent", MessageAttributeValue.builder()
				.dataType("String")
				.stringValue("00-" + traceId + "-00f067aa0ba902b7-01")
				.build())));

		await().atMost(Duration.ofSeconds(20)).until(() -> handler.handled().contains(event));
		assertThat(handler.traceIdOf(event.eventId())).isEqualTo(traceId);
	}

	@Test
	void countsAppliedEventsAndDuplicatesAsMetrics() {
		MovieDetailsViewedEvent event = newEvent(12);
		// messages of earlier tests are counted before they are deleted: none may still be on its way
		await().atMost(Duration.ofSeconds(20)).until(() -> queues.depth(queueUrl) == 0);
		double applied = meters.counter("netflix.events.applied", "queue", queueName()).count();
		double duplicates = meters.counter("netflix.events.duplicates", "queue", queueName()).count();

		sqs.sendMessage(request -> request.queueUrl(queueUrl).messageBody(EventJson.encode(event)));
		await().atMost(Duration.ofSeconds(20)).until(() -> handler.handled().contains(event));
		sqs.sendMessage(request -> request.queueUrl(queueUrl).messageBody(EventJson.encode(event)));

		await().atMost(Duration.ofSeconds(20))
			.until(() -> meters.counter("netflix.events.duplicates", "queue", queueName()).count() == duplicates + 1);
		assertThat(meters.counter("netflix.events.applied", "queue", queueName()).count()).isEqualTo(applied + 1);
		assertThat(meters.timer("netflix.events.lag", "queue", queueName()).count()).isPositive();
	}

	private static String queueName() {
		return testbed.queueName();
	}

	private static String subscribedTopic(String kind, boolean rawDelivery) {
		String topicArn = sns.createTopic(request -> request.name("listener-contract-" + kind + "-"
				+ UUID.randomUUID().toString().substring(0, 8))).topicArn();
		sns.subscribe(request -> request.topicArn(topicArn)
			.protocol("sqs")
			.endpoint(queues.arnOf(queueUrl))
			.attributes(Map.of("RawMessageDelivery", String.valueOf(rawDelivery))));
		return topicArn;
	}

	private static MovieDetailsViewedEvent newEvent(long movieId) {
		return MovieDetailsViewedEvent.of(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MILLIS), "user-1",
				movieId, "Movie " + movieId, List.of("Drama"), "session-1", "test");
	}

}
