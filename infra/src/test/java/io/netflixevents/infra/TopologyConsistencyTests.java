package io.netflixevents.infra;

import static io.netflixevents.infra.CloudFormationTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.netflixevents.testsupport.Processes;
import io.netflixevents.testsupport.ProjectFiles;
import org.junit.jupiter.api.Test;

/**
 * infra/local/topology.sh (the local run, the test suites and LocalStack) and the CloudFormation template (AWS)
 * must describe the same topology. The script prints its settings with {@code --print-settings}.
 */
class TopologyConsistencyTests {

	private final CloudFormationTemplate template = CloudFormationTemplate.load();

	private final Map<String, String> script = settings();

	@Test
	void templateAndTopologyScriptNameTheSameTopicQueuesAndDeadLetterQueues() {
		assertThat(template.properties("Topic")).containsEntry("TopicName", script.get("TOPIC_NAME"));
		List<String> scriptServices = Arrays.asList(script.get("SERVICES").split(" "));
		assertThat(scriptServices).containsExactlyInAnyOrderElementsOf(Services.CONSUMERS.values());
		assertThat(script).containsEntry("ARCHIVE_QUEUE", Services.ARCHIVE);
		for (String shortName : Services.QUEUES) {
			String name = Services.capitalized(shortName);
			assertThat(template.properties(name + "Queue")).containsEntry("QueueName", "netflix-events-" + shortName);
			assertThat(template.properties(name + "DeadLetterQueue")).containsEntry("QueueName",
					"netflix-events-" + shortName + "-dlq");
		}
	}

	@Test
	void templateAndTopologyScriptGiveTheQueuesTheSameSettings() {
		for (String shortName : Services.QUEUES) {
			String name = Services.capitalized(shortName);
			Map<String, Object> queue = template.properties(name + "Queue");
			assertThat(queue).containsEntry("VisibilityTimeout", number("VISIBILITY_TIMEOUT"))
				.containsEntry("MessageRetentionPeriod", number("RETENTION_SECONDS"))
				.containsEntry("DelaySeconds",
						number(shortName.equals(Services.ARCHIVE) ? "ARCHIVE_DELAY_SECONDS" : "DELAY_SECONDS"))
				.containsEntry("MaximumMessageSize", number("MAX_MESSAGE_SIZE"))
				.containsEntry("ReceiveMessageWaitTimeSeconds", number("RECEIVE_WAIT_SECONDS"));
			assertThat(map(queue, "RedrivePolicy")).containsEntry("maxReceiveCount", number("MAX_RECEIVE_COUNT"));
			assertThat(template.properties(name + "DeadLetterQueue")).containsEntry("MessageRetentionPeriod",
					number("DLQ_RETENTION_SECONDS"));
		}
	}

	@Test
	void templateNamesTheArchiveBucketAfterTheLocalOneMadeGloballyUnique() {
		assertThat(template.properties("ArchiveBucket").get("BucketName"))
			.isEqualTo(Map.of("Fn::Sub", script.get("BUCKET") + "-${AWS::AccountId}-${AWS::Region}"));
	}

	@Test
	void bothSubscribeWithRawDeliveryAndLetOnlyTheTopicSend() throws IOException {
		String text = Files.readString(ProjectFiles.resolve("infra/local/topology.sh"));
		assertThat(text).contains("RawMessageDelivery=true", "\"Principal\":{\"Service\":\"sns.amazonaws.com\"}",
				"\"Action\":\"sqs:SendMessage\"", "\"ArnEquals\":{\"aws:SourceArn\":\"%s\"}");
		for (String shortName : Services.QUEUES) {
			String name = Services.capitalized(shortName);
			assertThat(template.properties(name + "Subscription")).containsEntry("RawMessageDelivery", true);
			assertThat(template.properties(name + "QueuePolicy")).containsEntry("Queues",
					List.of(Map.of("Ref", name + "Queue")));
		}
	}

	@Test
	void templateAndTopologyScriptGiveEachConsumerTheSameTable() throws IOException {
		String text = Files.readString(ProjectFiles.resolve("infra/local/topology.sh"));
		assertThat(text).contains("table=\"netflix-events-$service\"");
		Matcher create = Pattern.compile("dynamodb create-table --table-name \"\\$table\" --billing-mode (\\S+)\\s+\\\\\\s+"
				+ "--attribute-definitions ((?:AttributeName=\\w+,AttributeType=\\w+ ?)+)\\s+\\\\\\s+"
				+ "--key-schema ((?:AttributeName=\\w+,KeyType=\\w+ ?)+)")
			.matcher(text);
		assertThat(create.find()).as("topology.sh's create-table command").isTrue();
		assertThat(text).contains("--time-to-live-specification \"Enabled=true,AttributeName=$TABLE_TTL_ATTRIBUTE\"");

		List<String> scriptServices = Arrays.asList(script.get("SERVICES").split(" "));
		assertThat(template.ofType("AWS::DynamoDB::Table")).hasSize(scriptServices.size());
		for (String shortName : scriptServices) {
			Map<String, Object> table = template.properties(Services.capitalized(shortName) + "Table");
			assertThat(table).containsEntry("TableName", "netflix-events-" + shortName)
				.containsEntry("BillingMode", create.group(1))
				.containsEntry("AttributeDefinitions", pairs(create.group(2), "AttributeType"))
				.containsEntry("KeySchema", pairs(create.group(3), "KeyType"));
			assertThat(map(table, "TimeToLiveSpecification"))
				.containsEntry("AttributeName", script.get("TABLE_TTL_ATTRIBUTE"))
				.containsEntry("Enabled", true);
		}
	}

	/** "AttributeName=pk,KeyType=HASH AttributeName=sk,KeyType=RANGE" as the template writes it. */
	private static List<Map<String, Object>> pairs(String shorthand, String second) {
		return Arrays.stream(shorthand.trim().split(" ")).map(pair -> {
			Matcher matcher = Pattern.compile("AttributeName=(\\w+)," + second + "=(\\w+)").matcher(pair);
			assertThat(matcher.matches()).as(pair).isTrue();
			return Map.<String, Object>of("AttributeName", matcher.group(1), second, matcher.group(2));
		}).toList();
	}

	private Integer number(String key) {
		return Integer.valueOf(script.get(key));
	}

	private static Map<String, String> settings() {
		// a clean environment: AWS_S3_BUCKET or TOPIC_NAME of the developer's shell would change the names
		String printed = Processes.run(List.of("bash", "infra/local/topology.sh", "--print-settings"),
				Map.of("AWS_S3_BUCKET", "", "TOPIC_NAME", ""), Duration.ofSeconds(10));
		return printed.lines()
			.map(line -> line.split("=", 2))
			.collect(Collectors.toMap(pair -> pair[0], pair -> pair[1]));
	}

}
