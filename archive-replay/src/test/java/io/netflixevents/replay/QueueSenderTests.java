package io.netflixevents.replay;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.netflixevents.event.EventJson;
import io.netflixevents.event.MovieDetailsViewedEvent;
import io.netflixevents.testsupport.AwsEmulator;
import io.netflixevents.testsupport.DynamoDbProxy;
import io.netflixevents.testsupport.Queues;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * What the replay's sender does when SQS refuses the entries of a batch, which moto never does: a proxy in front of
 * it (test-support's JSON-protocol proxy, which serves SQS's protocol as it serves DynamoDB's) answers the first
 * {@code SendMessageBatch} calls itself, every entry failed as SQS's wire format has it.
 */
class QueueSenderTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final AwsEmulator aws = AwsEmulator.shared();

	private static final SqsClient sqs = aws.sqs();

	private static final Queues queues = new Queues(sqs);

	@AfterAll
	static void closeClient() {
		sqs.close();
	}

	@Test
	void sendsRefusedEntriesAgainAndEachArrivesOnce() {
		String queue = queues.createWithDeadLetterQueue("replay-sender", 30, 5);
		List<ArchivedEvent> events = events(10);
		AtomicInteger refusals = new AtomicInteger(2);

		send(queue, events, refusals);

		assertThat(refusals).hasValue(0);
		assertThat(queues.drain(queue)).extracting(Message::body)
			.containsExactlyInAnyOrderElementsOf(events.stream().map(ArchivedEvent::json).toList());
	}

	@Test
	void givesUpLoudlyAfterThreeRefusals() {
		String queue = queues.createWithDeadLetterQueue("replay-sender", 30, 5);
		AtomicInteger refusals = new AtomicInteger(3);

		assertThatIllegalStateException().isThrownBy(() -> send(queue, events(4), refusals))
			.withMessage("SQS refused 4 event(s) 3 times: InternalError We encountered an internal error.");
		assertThat(queues.drain(queue)).isEmpty();
	}

	private static void send(String queue, List<ArchivedEvent> events, AtomicInteger refusals) {
		try (DynamoDbProxy proxy = DynamoDbProxy.start(aws.endpoint(), refusingBatches(refusals));
				SqsAsyncClient client = SqsAsyncClient.builder()
					.endpointOverride(proxy.endpoint())
					.region(Region.of(AwsEmulator.REGION))
					.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
					.build()) {
			new QueueSender(client, new ReplayProperties("bucket", "", queue, "2026-12-01T00", "2026-12-01T00", 100,
					"replay.checkpoint", 0)).send(events);
		}
	}

	/** Answers the next {@code refusals} batches with every entry failed, then lets batches through to moto. */
	private static DynamoDbProxy.Interceptor refusingBatches(AtomicInteger refusals) {
		return new DynamoDbProxy.Interceptor() {
			@Override
			public DynamoDbProxy.Answer before(DynamoDbProxy.Call call) {
				if (!call.operation().equals("SendMessageBatch")
						|| refusals.getAndUpdate(left -> Math.max(0, left - 1)) == 0) {
					return null;
				}
				var failed = JSON.createArrayNode();
				for (JsonNode entry : JSON.readTree(call.body()).get("Entries")) {
					failed.addObject()
						.put("Id", entry.get("Id").asString())
						.put("SenderFault", false)
						.put("Code", "InternalError")
						.put("Message", "We encountered an internal error.");
				}
				var body = JSON.createObjectNode();
				body.putArray("Successful");
				body.set("Failed", failed);
				return new DynamoDbProxy.Answer(200, Map.of("Content-Type", "application/x-amz-json-1.0",
						"x-amzn-RequestId", UUID.randomUUID().toString()), JSON.writeValueAsString(body));
			}
		};
	}

	private static List<ArchivedEvent> events(int count) {
		return IntStream.range(0, count).mapToObj(i -> {
			MovieDetailsViewedEvent event = MovieDetailsViewedEvent.of(UUID.randomUUID(), Instant.now(), "user-" + i,
					100 + i, "Movie " + i, List.of("Drama"), "s-" + i, "web");
			return new ArchivedEvent(event, EventJson.encode(event));
		}).toList();
	}

}
