package io.netflixevents.infra;

import static io.netflixevents.infra.CloudFormationTemplate.asList;
import static io.netflixevents.infra.CloudFormationTemplate.cast;
import static io.netflixevents.infra.CloudFormationTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.netflixevents.testsupport.MotoServer;
import io.netflixevents.testsupport.Processes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * infra/aws/redrive.sh against moto, which has no StartMessageMoveTask: the script falls back to receiving,
 * re-sending and deleting.
 */
class RedriveTests {

	private static MotoServer moto;

	private static AwsCli aws;

	@BeforeAll
	static void createTopology() {
		moto = MotoServer.start();
		aws = new AwsCli(moto);
		Processes.run(List.of("bash", "infra/local/topology.sh"), moto.environment(), Duration.ofSeconds(180));
	}

	@AfterAll
	static void stopMoto() {
		moto.close();
	}

	@Test
	void movesMessagesThatExhaustedTheirReceivesBackToTheQueueAndSaysHowMany() {
		String queue = url("netflix-events-search");
		String deadLetters = url("netflix-events-search-dlq");
		for (int i = 1; i <= 12; i++) {
			aws.call("sqs", "send-message", "--queue-url", queue, "--message-body", "{\"n\":" + i + "}",
					"--message-attributes", "{\"eventType\":{\"DataType\":\"String\",\"StringValue\":\"MovieDetailsViewed\"}}");
		}
		// five receives without a delete each, then SQS (moto) moves them to the DLQ
		for (int attempt = 0; attempt < 20 && count(deadLetters) < 12; attempt++) {
			aws.call("sqs", "receive-message", "--queue-url", queue, "--max-number-of-messages", "10",
					"--visibility-timeout", "0", "--wait-time-seconds", "0");
		}
		assertThat(count(deadLetters)).isEqualTo(12);

		String printed = redrive("search-service");

		assertThat(printed).contains("moved 12 message(s) from netflix-events-search-dlq to netflix-events-search");
		assertThat(count(deadLetters)).isZero();
		List<Object> bodies = new ArrayList<>();
		for (int i = 0; i < 5 && bodies.size() < 12; i++) {
			Map<String, Object> received = aws.call("sqs", "receive-message", "--queue-url", queue,
					"--max-number-of-messages", "10", "--message-attribute-names", "All", "--wait-time-seconds", "0");
			for (Object m : asList(received.getOrDefault("Messages", List.of()))) {
				Map<String, Object> message = cast(m);
				bodies.add(message.get("Body"));
				assertThat(map(map(message, "MessageAttributes"), "eventType"))
					.containsEntry("StringValue", "MovieDetailsViewed");
			}
		}
		assertThat(bodies).hasSize(12).doesNotHaveDuplicates();
	}

	@Test
	void movesWhatSnsCouldNotDeliverBackToTheQueue() {
		// the delivery DLQ is the stack's (infra/local/topology.sh has no subscription DLQs), as SNS leaves it
		String deliveries = (String) aws
			.call("sqs", "create-queue", "--queue-name", "netflix-events-streaming-delivery-dlq")
			.get("QueueUrl");
		for (int i = 1; i <= 3; i++) {
			aws.call("sqs", "send-message", "--queue-url", deliveries, "--message-body", "{\"undelivered\":" + i + "}");
		}

		String printed = redrive("streaming-service", "--delivery");

		assertThat(printed).contains(
				"moved 3 message(s) from netflix-events-streaming-delivery-dlq to netflix-events-streaming");
		assertThat(count(deliveries)).isZero();
		assertThat(count(url("netflix-events-streaming"))).isEqualTo(3);
	}

	@Test
	void saysSoWhenTheDeadLetterQueueIsEmpty() {
		assertThat(redrive("user")).contains("moved 0 message(s) from netflix-events-user-dlq to netflix-events-user");
	}

	@Test
	void redrivesTheArchivesQueueByItsName() {
		assertThat(redrive("archive")).contains(
				"moved 0 message(s) from netflix-events-archive-dlq to netflix-events-archive");
	}

	@Test
	void refusesTheFrontendUnknownServicesAndUnknownOptions() {
		Processes.Result unknownOption = Processes.execute(List.of("infra/aws/redrive.sh", "search", "--all"),
				moto.environment(), Duration.ofSeconds(30));
		assertThat(unknownOption.succeeded()).isFalse();
		assertThat(unknownOption.output()).contains("usage: redrive.sh <service>|archive [--delivery]");
		assertThat(Processes.execute(List.of("infra/aws/redrive.sh", "frontend-service"), moto.environment(),
				Duration.ofSeconds(30)).exitCode()).isNotZero();
		assertThat(Processes.execute(List.of("infra/aws/redrive.sh", "billing"), moto.environment(),
				Duration.ofSeconds(30)).output()).contains("unknown service 'billing'");
	}

	private static String redrive(String... arguments) {
		List<String> command = new ArrayList<>(List.of("infra/aws/redrive.sh"));
		command.addAll(List.of(arguments));
		return Processes.run(command, moto.environment(), Duration.ofSeconds(180));
	}

	private static String url(String queue) {
		return (String) aws.call("sqs", "get-queue-url", "--queue-name", queue).get("QueueUrl");
	}

	private static int count(String url) {
		return Integer.parseInt((String) map(aws.call("sqs", "get-queue-attributes", "--queue-url", url,
				"--attribute-names", "ApproximateNumberOfMessages"), "Attributes").get("ApproximateNumberOfMessages"));
	}

}
