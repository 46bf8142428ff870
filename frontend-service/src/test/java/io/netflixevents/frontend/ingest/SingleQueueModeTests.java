package io.netflixevents.frontend.ingest;

import io.netflixevents.event.EventAttributes;
import io.netflixevents.event.EventJson;
import io.netflixevents.testsupport.AwsEmulator;
import io.netflixevents.testsupport.Queues;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The tutorial's first step: only AWS_SQS_QUEUE_URL is set, and events go straight to that queue. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SingleQueueModeTests {

	private static final AwsEmulator aws = AwsEmulator.shared();

	private static final SqsClient sqs = aws.sqs();

	private static final Queues queues = new Queues(sqs);

	private static final String queueUrl = queues.createWithDeadLetterQueue("single-queue", 30, 5);

	@DynamicPropertySource
	static void emulator(DynamicPropertyRegistry registry) {
		aws.register(registry);
		registry.add("netflix.events.topic", () -> "");
		registry.add("netflix.events.queue-url", () -> queueUrl);
	}

	@LocalServerPort
	int port;

	@Test
	void sendsTheEventStraightToTheQueue() {
		var reply = new EventEndpoint(port).post("{\"userId\":\"erin\",\"movieId\":42}");

		assertThat(reply.status()).isEqualTo(202);
		assertThat(reply.text("publishedTo")).isEqualTo(queueUrl);
		Message message = assertThat(queues.peek(queueUrl)).singleElement().actual();
		assertThat(message.messageId()).isEqualTo(reply.text("messageId"));
		assertThat(EventJson.decode(message.body()).eventId()).hasToString(reply.text("eventId"));
		assertThat(message.messageAttributes().get(EventAttributes.EVENT_TYPE).stringValue())
			.isEqualTo("MovieDetailsViewed");
	}

}
