package io.netflixevents.infra;

import static io.netflixevents.infra.CloudFormationTemplate.asList;
import static io.netflixevents.infra.CloudFormationTemplate.cast;
import static io.netflixevents.infra.CloudFormationTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.netflixevents.testsupport.MotoServer;
import io.netflixevents.testsupport.Processes;
import io.netflixevents.testsupport.PythonTools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The template and the infra/aws scripts against moto's CloudFormation. Moto creates most of the template but
 * silently skips five resource types it does not implement (it reports them without a type or physical id):
 * AWS::SNS::Subscription, AWS::SNS::TopicPolicy, AWS::SQS::QueuePolicy, AWS::S3::BucketPolicy and
 * AWS::CloudWatch::Alarm. It also ignores some properties it does not model (bucket versioning, public access block,
 * lifecycle, the DLQs' RedriveAllowPolicy, the tables' TTL and point-in-time recovery, and their SSESpecification,
 * which it reads under the API's key {@code Enabled} rather than CloudFormation's {@code SSEEnabled}). Those parts are checked statically by {@link CloudFormationTemplateTests}
 * and by cfn-lint; the subscriptions, queue policies and table TTL of the same topology are exercised against moto
 * through the topology script in {@link LocalStackHookTests}.
 * Moto also leaves the outputs of a stack created through a change set (what {@code aws cloudformation deploy}
 * does) empty, so the outputs are checked on a stack created with {@code create-stack}.
 */
class MotoDeploymentTests {

	private static final Set<String> NOT_IN_MOTO = Set.of("AWS::SNS::Subscription", "AWS::SNS::TopicPolicy",
			"AWS::SQS::QueuePolicy", "AWS::S3::BucketPolicy", "AWS::CloudWatch::Alarm");

	private static final String STACK = "netflix-events";

	private final CloudFormationTemplate template = CloudFormationTemplate.load();

	private MotoServer moto;

	private AwsCli aws;

	@BeforeEach
	void startMoto() {
		moto = MotoServer.start();
		aws = new AwsCli(moto);
	}

	@AfterEach
	void stopMoto() {
		moto.close();
	}

	@Test
	void deployScriptCreatesEveryResourceMotoSupportsIncludingTheInstances() {
		String printed = script("deploy.sh", "CreateInstances=true", "KeyName=netflix-events",
				"AdminCidr=203.0.113.7/32");
		assertThat(printed).contains("Successfully created/updated stack - " + STACK);

		Set<String> created = asList(aws.call("cloudformation", "describe-stack-resources", "--stack-name", STACK)
			.get("StackResources")).stream()
			.map(r -> (String) cast(r).get("LogicalResourceId"))
			.filter(id -> id != null)
			.collect(Collectors.toSet());
		Set<String> expected = template.resources()
			.keySet()
			.stream()
			.filter(id -> !NOT_IN_MOTO.contains(template.type(id)))
			.collect(Collectors.toSet());
		assertThat(created).containsExactlyInAnyOrderElementsOf(expected);

		Map<String, Object> search = map(aws.call("sqs", "get-queue-attributes", "--queue-url",
				queueUrl("netflix-events-search"), "--attribute-names", "All"), "Attributes");
		assertThat(search).containsEntry("VisibilityTimeout", "60")
			.containsEntry("MessageRetentionPeriod", "86400")
			.containsEntry("DelaySeconds", "0")
			.containsEntry("MaximumMessageSize", "262144")
			.containsEntry("ReceiveMessageWaitTimeSeconds", "20")
			.containsEntry("SqsManagedSseEnabled", "true");
		assertThat((String) search.get("RedrivePolicy")).contains("netflix-events-search-dlq");
		assertThat(map(aws.call("sns", "get-topic-attributes", "--topic-arn", topicArn()), "Attributes"))
			.containsEntry("KmsMasterKeyId", "alias/aws/sns");
		assertThat(aws.call("iam", "get-role-policy", "--role-name", STACK + "-search-service", "--policy-name",
				"consume-own-queue").get("PolicyDocument").toString())
			.contains("arn:aws:sqs:us-east-1:" + MotoServer.ACCOUNT + ":netflix-events-search")
			.doesNotContain("'*'");

		for (String shortName : Services.CONSUMERS.values()) {
			Map<String, Object> table = map(
					aws.call("dynamodb", "describe-table", "--table-name", "netflix-events-" + shortName), "Table");
			assertThat(table).containsEntry("KeySchema",
					List.of(Map.of("AttributeName", "pk", "KeyType", "HASH"),
							Map.of("AttributeName", "sk", "KeyType", "RANGE")));
			assertThat(map(table, "BillingModeSummary")).containsEntry("BillingMode", "PAY_PER_REQUEST");
		}
		assertThat(aws.call("iam", "get-role-policy", "--role-name", STACK + "-search-service", "--policy-name",
				"use-own-table").get("PolicyDocument").toString())
			.contains("arn:aws:dynamodb:us-east-1:" + MotoServer.ACCOUNT + ":table/netflix-events-search")
			.doesNotContain("netflix-events-recommendation", "netflix-events-streaming", "netflix-events-user", "'*'");

		for (Object reservation : asList(aws.call("ec2", "describe-instances").get("Reservations"))) {
			for (Object i : asList(cast(reservation).get("Instances"))) {
				String id = (String) cast(i).get("InstanceId");
				String userData = new String(Base64.getDecoder()
					.decode((String) map(aws.call("ec2", "describe-instance-attribute", "--instance-id", id,
							"--attribute", "userData"), "UserData").get("Value")),
						StandardCharsets.UTF_8);
				assertThat(userData).contains("AWS_REGION=us-east-1", "java-25-amazon-corretto-headless")
					.doesNotContain("${");
				Processes.run(List.of("bash", "-n", "-c", userData), Map.of(), Duration.ofSeconds(10));
			}
		}
		assertThat(userDataOf("search-service")).contains("AWS_SQS_QUEUE_URL=" + queueUrlAsDeployed("search"),
				"AWS_DYNAMODB_TABLE=netflix-events-search");

		String templates = STACK + "-templates-" + MotoServer.ACCOUNT + "-us-east-1";
		assertThat(printed).contains("bucket  " + templates + " created for the template");
		assertThat(script("teardown.sh", "--yes")).contains("stack   " + STACK + " deleted",
				"bucket  " + templates + " deleted");
		// DeletionPolicy Delete: the tables go with the stack
		assertThat(asList(aws.call("dynamodb", "list-tables").get("TableNames"))).isEmpty();
	}

	@Test
	void envScriptPrintsEachServicesEnvironmentFromTheOutputsAndTeardownEmptiesTheVersionedBucket() {
		aws.call("cloudformation", "create-stack", "--stack-name", STACK, "--template-body",
				"file://" + CloudFormationTemplate.PATH, "--capabilities", "CAPABILITY_NAMED_IAM");
		String bucket = "netflix-events-archive-" + MotoServer.ACCOUNT + "-us-east-1";

		assertThat(script("env.sh", "frontend-service").lines()).containsExactly("export AWS_REGION=us-east-1",
				"export SERVER_PORT=8080", "export AWS_SNS_TOPIC=" + topicArn(), "export AWS_S3_BUCKET=" + bucket);
		assertThat(script("env.sh", "search").lines()).containsExactly("export AWS_REGION=us-east-1",
				"export SERVER_PORT=8082", "export AWS_SQS_QUEUE_URL=" + queueUrlAsDeployed("search"),
				"export AWS_DYNAMODB_TABLE=netflix-events-search");
		String all = script("env.sh");
		for (String service : Services.ALL) {
			assertThat(all).contains("# " + service + "\n");
		}
		assertThat(all.lines().filter(line -> line.startsWith("export AWS_SQS_QUEUE_URL=https://"))).hasSize(4);
		assertThat(all.lines().filter(line -> line.startsWith("export AWS_DYNAMODB_TABLE=")))
			.containsExactlyInAnyOrderElementsOf(Services.CONSUMERS.values()
				.stream()
				.map(shortName -> "export AWS_DYNAMODB_TABLE=netflix-events-" + shortName)
				.toList());

		// moto's CloudFormation does not turn versioning on; the real bucket has it
		aws.call("s3api", "put-bucket-versioning", "--bucket", bucket, "--versioning-configuration",
				"Status=Enabled");
		for (int i = 0; i < 3; i++) {
			aws.call("s3api", "put-object", "--bucket", bucket, "--key", "events/movie-details-viewed/e.json");
		}
		aws.call("s3api", "delete-object", "--bucket", bucket, "--key", "events/movie-details-viewed/e.json");

		String printed = script("teardown.sh", "--yes");

		assertThat(printed).contains("bucket  " + bucket + " emptied (4 versions and delete markers)",
				"stack   " + STACK + " deleted");
		// emptied, the bucket went with the stack
		assertThat(Processes.execute(List.of(PythonTools.command("aws"), "--endpoint-url", moto.endpoint().toString(), "s3api",
				"head-bucket", "--bucket", bucket), moto.environment(), Duration.ofSeconds(30)).succeeded()).isFalse();
	}

	private String script(String name, String... arguments) {
		Map<String, String> environment = new HashMap<>(moto.environment());
		environment.put("STACK_NAME", STACK);
		// deploy.sh hands CloudFormation the template's S3 URL on this endpoint, and moto finds the bucket of such a
		// URL only when its host is localhost (or amazonaws.com), not 127.0.0.1
		environment.put("AWS_ENDPOINT_URL", moto.endpoint().toString().replace("127.0.0.1", "localhost"));
		List<String> command = new java.util.ArrayList<>(List.of("infra/aws/" + name));
		command.addAll(List.of(arguments));
		return Processes.run(command, environment, Duration.ofSeconds(120));
	}

	private String userDataOf(String service) {
		Map<String, Object> found = aws.call("ec2", "describe-instances", "--filters", "Name=tag:Name,Values=" + service);
		String id = (String) cast(asList(cast(asList(found.get("Reservations")).get(0)).get("Instances")).get(0))
			.get("InstanceId");
		return new String(Base64.getDecoder()
			.decode((String) map(aws.call("ec2", "describe-instance-attribute", "--instance-id", id, "--attribute",
					"userData"), "UserData").get("Value")),
				StandardCharsets.UTF_8);
	}

	private String queueUrl(String queue) {
		return (String) aws.call("sqs", "get-queue-url", "--queue-name", queue).get("QueueUrl");
	}

	/** The queue URL as CloudFormation reports it (moto: the AWS form, whatever endpoint it is asked through). */
	private String queueUrlAsDeployed(String shortName) {
		return "https://sqs.us-east-1.amazonaws.com/" + MotoServer.ACCOUNT + "/netflix-events-" + shortName;
	}

	private static String topicArn() {
		return "arn:aws:sns:us-east-1:" + MotoServer.ACCOUNT + ":netflix-events-topic";
	}

}
