package io.netflixevents.infra;

import static io.netflixevents.infra.CloudFormationTemplate.asList;
import static io.netflixevents.infra.CloudFormationTemplate.cast;
import static io.netflixevents.infra.CloudFormationTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.netflixevents.testsupport.MotoServer;
import io.netflixevents.testsupport.Processes;
import io.netflixevents.testsupport.ProjectFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The LocalStack ready hook runs infra/local/topology.sh; here against moto, which speaks the same API. In the
 * container the script is mounted at /opt/netflix-events/topology.sh, which NETFLIX_EVENTS_TOPOLOGY replaces here.
 */
class LocalStackHookTests {

	private static MotoServer moto;

	private static AwsCli aws;

	private static String firstRun;

	@BeforeAll
	static void runHook() {
		moto = MotoServer.start();
		aws = new AwsCli(moto);
		firstRun = hook();
	}

	@AfterAll
	static void stopMoto() {
		moto.close();
	}

	@Test
	void hookCreatesTheTopicTheBucketAndEveryQueueWithItsDeadLetterQueue() {
		assertThat(firstRun).contains("topic   arn:aws:sns:us-east-1:" + MotoServer.ACCOUNT + ":netflix-events-topic",
				"bucket  netflix-events-archive (created)");
		List<Object> urls = asList(aws.call("sqs", "list-queues").get("QueueUrls"));
		for (String shortName : Services.QUEUES) {
			String queue = "netflix-events-" + shortName;
			// with the URL the emulator gave it (on LocalStack in compose, one the other containers resolve)
			assertThat(firstRun).containsPattern("queue   " + queue + " \\(subscribed now\\) http://\\S+/" + queue + "\n");
			assertThat(urls).anySatisfy(url -> assertThat((String) url).endsWith("/" + queue))
				.anySatisfy(url -> assertThat((String) url).endsWith("/" + queue + "-dlq"));
		}
		aws.call("s3api", "head-bucket", "--bucket", "netflix-events-archive");
	}

	@Test
	void hookGivesEachQueueTheTemplatesSettingsAndAPolicyForTheTopicOnly() {
		CloudFormationTemplate template = CloudFormationTemplate.load();
		for (String shortName : Services.QUEUES) {
			String queue = "netflix-events-" + shortName;
			Map<String, Object> attributes = attributes(queue);
			Map<String, Object> declared = template.properties(Services.capitalized(shortName) + "Queue");
			for (String setting : List.of("VisibilityTimeout", "MessageRetentionPeriod", "DelaySeconds",
					"MaximumMessageSize", "ReceiveMessageWaitTimeSeconds")) {
				assertThat(attributes.get(setting)).as(setting).isEqualTo(String.valueOf(declared.get(setting)));
			}
			Map<String, Object> redrive = cast(new Yaml().load((String) attributes.get("RedrivePolicy")));
			assertThat(redrive.get("deadLetterTargetArn")).isEqualTo(arn(queue + "-dlq"));
			assertThat(String.valueOf(redrive.get("maxReceiveCount"))).isEqualTo("5");

			Map<String, Object> policy = cast(new Yaml().load((String) attributes.get("Policy")));
			Map<String, Object> statement = cast(asList(policy.get("Statement")).get(0));
			assertThat(statement).containsEntry("Principal", Map.of("Service", "sns.amazonaws.com"))
				.containsEntry("Condition", Map.of("ArnEquals", Map.of("aws:SourceArn", topicArn())));
		}
		assertThat(attributes(Services.queue("search-service") + "-dlq")).containsEntry("MessageRetentionPeriod",
				String.valueOf(template.properties("SearchDeadLetterQueue").get("MessageRetentionPeriod")));
	}

	@Test
	void hookSubscribesEveryQueueWithRawDeliveryAndStaysIdempotent() {
		String secondRun = hook();
		assertThat(secondRun).contains("bucket  netflix-events-archive (exists)");
		List<Object> subscriptions = asList(
				aws.call("sns", "list-subscriptions-by-topic", "--topic-arn", topicArn()).get("Subscriptions"));
		assertThat(subscriptions).hasSize(Services.QUEUES.size());
		for (Object subscription : subscriptions) {
			Map<String, Object> attributes = map(aws.call("sns", "get-subscription-attributes",
					"--subscription-arn", (String) cast(subscription).get("SubscriptionArn")), "Attributes");
			assertThat(attributes).containsEntry("RawMessageDelivery", "true").containsEntry("Protocol", "sqs");
		}
		for (String shortName : Services.QUEUES) {
			assertThat(secondRun).contains("queue   netflix-events-" + shortName + " (subscribed)");
		}
	}

	@Test
	void hookCreatesEachConsumersTableWithTheTemplatesKeysBillingModeAndTtlAndStaysIdempotent() {
		CloudFormationTemplate template = CloudFormationTemplate.load();
		List<Object> tables = asList(aws.call("dynamodb", "list-tables").get("TableNames"));
		for (String shortName : Services.CONSUMERS.values()) {
			String name = "netflix-events-" + shortName;
			assertThat(firstRun).contains("table   " + name + " (created)");
			assertThat(tables).contains(name);
			Map<String, Object> declared = template.properties(Services.capitalized(shortName) + "Table");
			Map<String, Object> table = map(aws.call("dynamodb", "describe-table", "--table-name", name), "Table");
			assertThat(table.get("KeySchema")).isEqualTo(declared.get("KeySchema"));
			assertThat(asList(table.get("AttributeDefinitions")))
				.containsExactlyInAnyOrderElementsOf(asList(declared.get("AttributeDefinitions")));
			assertThat(map(table, "BillingModeSummary")).containsEntry("BillingMode", declared.get("BillingMode"));
			Map<String, Object> ttl = map(
					aws.call("dynamodb", "describe-time-to-live", "--table-name", name), "TimeToLiveDescription");
			assertThat(ttl).containsEntry("TimeToLiveStatus", "ENABLED")
				.containsEntry("AttributeName", map(declared, "TimeToLiveSpecification").get("AttributeName"));
		}
		String again = hook();
		for (String shortName : Services.CONSUMERS.values()) {
			assertThat(again).contains("table   netflix-events-" + shortName + " (exists)");
		}
		assertThat(asList(aws.call("dynamodb", "list-tables").get("TableNames"))).hasSize(tables.size());
	}

	private static String hook() {
		Map<String, String> environment = new HashMap<>(moto.environment());
		environment.put("NETFLIX_EVENTS_TOPOLOGY", ProjectFiles.resolve("infra/local/topology.sh").toString());
		// some forty awscli calls (queues, subscriptions, tables): about 20 s on an idle machine, far more under load
		return Processes.run(List.of(ProjectFiles.resolve("infra/localstack/ready.d/10-topology.sh").toString()),
				environment, Duration.ofSeconds(180));
	}

	private static Map<String, Object> attributes(String queue) {
		String url = (String) aws.call("sqs", "get-queue-url", "--queue-name", queue).get("QueueUrl");
		return map(aws.call("sqs", "get-queue-attributes", "--queue-url", url, "--attribute-names", "All"),
				"Attributes");
	}

	private static String arn(String queue) {
		return "arn:aws:sqs:us-east-1:" + MotoServer.ACCOUNT + ":" + queue;
	}

	private static String topicArn() {
		return "arn:aws:sns:us-east-1:" + MotoServer.ACCOUNT + ":netflix-events-topic";
	}

}
