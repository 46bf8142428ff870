package io.netflixevents.infra;

import static io.netflixevents.infra.CloudFormationTemplate.asList;
import static io.netflixevents.infra.CloudFormationTemplate.cast;
import static io.netflixevents.infra.CloudFormationTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.netflixevents.testsupport.MotoServer;
import io.netflixevents.testsupport.Processes;
import io.netflixevents.testsupport.ProjectFiles;
import io.netflixevents.testsupport.PythonTools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The template and the infra/aws scripts against moto's CloudFormation, fleet included: moto builds the VPC, the
 * Auto Scaling groups with their instances, the launch templates, both load balancers, the target groups, the
 * listeners and the dashboard. It silently skips six resource types it does not implement (it reports them without
 * a physical id): AWS::SNS::Subscription, AWS::SNS::TopicPolicy, AWS::SQS::QueuePolicy, AWS::S3::BucketPolicy,
 * AWS::CloudWatch::Alarm and AWS::AutoScaling::ScalingPolicy; nor has it instance refreshes, which release.sh rolls a
 * release out with. It also ignores some properties it does not model (bucket versioning, public access block,
 * lifecycle, the DLQs' RedriveAllowPolicy, the tables' TTL and point-in-time recovery and their SSESpecification,
 * which it reads under the API's key {@code Enabled} rather than CloudFormation's {@code SSEEnabled}; the groups'
 * lifecycle hooks). Those parts are checked statically by {@link CloudFormationTemplateTests},
 * {@link FleetTemplateTests} and cfn-lint; the subscriptions, queue policies and table TTL of the same topology are
 * exercised against moto through the topology script in {@link LocalStackHookTests}.
 * Moto also leaves the outputs of a stack created through a change set (what {@code aws cloudformation deploy}
 * does) empty until it is updated, so the env.sh test creates its stack with {@code create-stack}.
 */
class MotoDeploymentTests {

	private static final Set<String> NOT_IN_MOTO = Set.of("AWS::SNS::Subscription", "AWS::SNS::TopicPolicy",
			"AWS::SQS::QueuePolicy", "AWS::S3::BucketPolicy", "AWS::CloudWatch::Alarm",
			"AWS::AutoScaling::ScalingPolicy");

	private static final String STACK = "netflix-events";

	private static final String ARTIFACTS = STACK + "-artifacts-" + MotoServer.ACCOUNT + "-us-east-1";

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
	void deployAndReleaseCreateEveryResourceMotoSupportsAndEachInstanceBootsItsServiceFromTheRelease(
			@TempDir Path scratch) throws IOException {
		String printed = script("deploy.sh");
		assertThat(printed).contains("Successfully created/updated stack - " + STACK);
		assertThat(createdResources()).doesNotContain("FrontendGroup", "LoadBalancer", "Vpc").contains("ArtifactsBucket");

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
		assertThat(aws.call("iam", "get-role-policy", "--role-name", STACK + "-search-service", "--policy-name",
				"fetch-own-release").get("PolicyDocument").toString())
			.contains("arn:aws:s3:::" + ARTIFACTS + "/releases/*/search-service/*");

		Path jars = standInJars(scratch);
		Map<String, String> release = Map.of("RELEASE_ID", "r1", "JARS_FROM", jars.toString());
		assertThat(script(release, "release.sh", "--upload").lines()).last().isEqualTo("r1");
		assertThat(asList(aws.call("s3api", "list-objects-v2", "--bucket", ARTIFACTS).get("Contents")))
			.extracting(o -> cast(o).get("Key"))
			.hasSize(5 * 3 + 4)
			.contains("releases/r1/search-service/search-service.jar", "releases/r1/search-service/launch.sh",
					"releases/r1/search-service/boot.sh", "releases/r1/search-service/graceful-stop.sh",
					"releases/r1/frontend-service/frontend-service.jar")
			.doesNotContain("releases/r1/frontend-service/graceful-stop.sh");
		Processes.Result again = scriptResult(release, "release.sh", "--upload");
		assertThat(again.succeeded()).isFalse();
		assertThat(again.output()).contains("release r1 is already in s3://" + ARTIFACTS);

		// The fleet, on the release. Moto resolves the AMI's SSM parameter when it creates a stack but not when it
		// updates one, so the update names it again.
		script("deploy.sh", "ReleaseId=r1", "LatestAmiId=/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64");
		Set<String> expected = template.resources()
			.keySet()
			.stream()
			.filter(id -> !NOT_IN_MOTO.contains(template.type(id)))
			.collect(Collectors.toSet());
		assertThat(createdResources()).containsExactlyInAnyOrderElementsOf(expected);
		assertFleet();

		String internalLoadBalancer = (String) cast(asList(aws.call("elbv2", "describe-load-balancers")
			.get("LoadBalancers")).stream().filter(b -> "internal".equals(cast(b).get("Scheme"))).findFirst().orElseThrow())
			.get("DNSName");
		for (String service : Services.ALL) {
			String userData = launchTemplateUserData(service);
			Processes.run(List.of("bash", "-n", "-c", userData), Map.of(), Duration.ofSeconds(10));
			InstanceBoot boot = InstanceBoot.run(userData, Files.createDirectories(scratch.resolve(service)),
					moto.environment());
			assertBooted(boot, service, jars, internalLoadBalancer);
		}

		// moto deletes a stack's resources in no dependency order and so fails on the VPC while its instances
		// remain; teardown.sh is tested on a stack without a fleet, below
		assertThat(printed).contains("bucket  " + STACK + "-templates-" + MotoServer.ACCOUNT + "-us-east-1"
				+ " created for the template");
	}

	/** What moto built of the fleet: groups over two zones, their load balancers, listeners and the dashboard. */
	private void assertFleet() {
		Map<String, Map<String, Object>> groups = asList(
				aws.call("autoscaling", "describe-auto-scaling-groups").get("AutoScalingGroups")).stream()
			.map(CloudFormationTemplate::cast)
			.collect(Collectors.toMap(g -> (String) g.get("AutoScalingGroupName"), g -> g));
		assertThat(groups).containsOnlyKeys(Services.ALL.stream().map(s -> STACK + "-" + s).toList());
		Map<String, Object> frontend = groups.get(STACK + "-" + Services.FRONTEND);
		assertThat(frontend).containsEntry("MinSize", 2).containsEntry("HealthCheckType", "ELB");
		List<String> subnets = List.of(((String) frontend.get("VPCZoneIdentifier")).split(","));
		List<Object> zones = new java.util.ArrayList<>();
		for (String subnet : subnets) {
			zones.add(cast(asList(aws.call("ec2", "describe-subnets", "--subnet-ids", subnet).get("Subnets")).get(0))
				.get("AvailabilityZone"));
		}
		assertThat(zones).doesNotHaveDuplicates().hasSize(2);
		assertThat(asList(frontend.get("Instances"))).hasSize(2);
		for (Map<String, Object> group : groups.values()) {
			String targetGroup = (String) asList(group.get("TargetGroupARNs")).get(0);
			// every instance of the group is a target of its group's target group (moto also keeps some it replaced)
			List<Object> targets = asList(aws.call("elbv2", "describe-target-health", "--target-group-arn", targetGroup)
				.get("TargetHealthDescriptions")).stream().map(d -> map(cast(d), "Target").get("Id")).toList();
			assertThat(targets).containsAll(
					asList(group.get("Instances")).stream().map(i -> cast(i).get("InstanceId")).toList());
		}

		Map<String, Map<String, Object>> balancers = asList(
				aws.call("elbv2", "describe-load-balancers").get("LoadBalancers")).stream()
			.map(CloudFormationTemplate::cast)
			.collect(Collectors.toMap(b -> (String) b.get("Scheme"), b -> b));
		assertThat(balancers).containsOnlyKeys("internet-facing", "internal");
		assertThat(listenerPorts(balancers.get("internet-facing"))).containsExactly(80);
		assertThat(listenerPorts(balancers.get("internal"))).containsExactlyInAnyOrder(8081, 8082, 8083, 8084);

		String dashboard = (String) aws.call("cloudwatch", "get-dashboard", "--dashboard-name", STACK)
			.get("DashboardBody");
		assertThat(dashboard).contains("\"netflix-events-search\"", "\"netflix-events-user-delivery-dlq\"",
				"\"" + STACK + "-recommendation-service\"", "\"netflix-events-topic\"").doesNotContain("${");
	}

	private static Path standInJars(Path scratch) throws IOException {
		Path jars = Files.createDirectories(scratch.resolve("jars"));
		for (String service : Services.ALL) {
			Files.writeString(jars.resolve(service + ".jar"), "the jar of " + service);
		}
		return jars;
	}

	private List<Integer> listenerPorts(Map<String, Object> balancer) {
		return asList(aws.call("elbv2", "describe-listeners", "--load-balancer-arn",
				(String) balancer.get("LoadBalancerArn")).get("Listeners")).stream()
			.map(l -> (Integer) cast(l).get("Port"))
			.toList();
	}

	private void assertBooted(InstanceBoot boot, String service, Path jars, String internalLoadBalancer)
			throws IOException {
		String jar = "/opt/netflix-events/" + service + "/target/" + service + ".jar";
		assertThat(boot.file(jar)).hasSameTextualContentAs(jars.resolve(service + ".jar"));
		assertThat(boot.file("/opt/netflix-events/infra/local/launch.sh"))
			.hasSameTextualContentAs(ProjectFiles.resolve("infra/local/launch.sh"))
			.isExecutable();
		assertThat(boot.read("/etc/systemd/system/" + service + ".service")).contains("User=netflix-events\n",
				"EnvironmentFile=/etc/netflix-events/" + service + ".env\n",
				"ExecStart=/opt/netflix-events/infra/local/launch.sh " + service + "\n");
		String environment = boot.read("/etc/netflix-events/" + service + ".env");
		assertThat(environment).contains("AWS_REGION=us-east-1\n",
				"SERVER_PORT=" + Services.PORTS.get(service) + "\n");
		List<String> units = new java.util.ArrayList<>(List.of(service + ".service"));
		if (service.equals(Services.FRONTEND)) {
			assertThat(environment).contains("AWS_SNS_TOPIC=" + topicArn() + "\n",
					"ARCHIVE_COMPLETION_QUEUE=" + queueUrlAsDeployed(Services.ARCHIVE) + "\n",
					"SEARCH_SERVICE_URL=http://" + internalLoadBalancer + ":8082\n");
		}
		else {
			String shortName = Services.CONSUMERS.get(service);
			assertThat(environment).contains("AWS_SQS_QUEUE_URL=" + queueUrlAsDeployed(shortName) + "\n",
					"AWS_DYNAMODB_TABLE=netflix-events-" + shortName + "\n");
			assertThat(boot.read("/etc/systemd/system/netflix-events-graceful-stop.service")).contains(
					"ExecStart=/opt/netflix-events/infra/aws/graceful-stop.sh " + service + " " + STACK + "-" + service
							+ "\n");
			units.add("netflix-events-graceful-stop.service");
		}
		assertThat(boot.calls()).containsExactly("dnf install -y -q java-25-amazon-corretto-headless",
				"useradd --system --no-create-home --shell /sbin/nologin netflix-events",
				"chown netflix-events:netflix-events " + boot.file("/opt/netflix-events/" + service + "/target"),
				"systemctl daemon-reload", "systemctl enable --now " + String.join(" ", units));
	}

	private String launchTemplateUserData(String service) {
		Map<String, Object> version = cast(asList(aws.call("ec2", "describe-launch-template-versions",
				"--launch-template-name", STACK + "-" + service, "--versions", "$Latest")
			.get("LaunchTemplateVersions")).get(0));
		return new String(Base64.getDecoder().decode((String) map(version, "LaunchTemplateData").get("UserData")),
				StandardCharsets.UTF_8);
	}

	private Set<String> createdResources() {
		return asList(aws.call("cloudformation", "describe-stack-resources", "--stack-name", STACK)
			.get("StackResources")).stream()
			.map(r -> cast(r))
			.filter(r -> r.get("PhysicalResourceId") != null)
			.map(r -> (String) r.get("LogicalResourceId"))
			.collect(Collectors.toSet());
	}

	@Test
	void envScriptPrintsEachServicesEnvironmentFromTheOutputsAndTeardownEmptiesBothBuckets(@TempDir Path scratch)
			throws IOException {
		aws.call("cloudformation", "create-stack", "--stack-name", STACK, "--template-body",
				"file://" + CloudFormationTemplate.PATH, "--capabilities", "CAPABILITY_NAMED_IAM");
		String bucket = "netflix-events-archive-" + MotoServer.ACCOUNT + "-us-east-1";

		assertThat(script("env.sh", "frontend-service").lines()).containsExactly("export AWS_REGION=us-east-1",
				"export SERVER_PORT=8080", "export AWS_SNS_TOPIC=" + topicArn(), "export AWS_S3_BUCKET=" + bucket,
				"export ARCHIVE_COMPLETION_QUEUE=" + queueUrlAsDeployed(Services.ARCHIVE));
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

		script(Map.of("RELEASE_ID", "r2", "JARS_FROM", standInJars(scratch).toString()), "release.sh", "--upload");

		String printed = script("teardown.sh", "--yes");

		assertThat(printed).contains("bucket  " + bucket + " emptied (4 versions and delete markers)",
				"bucket  " + ARTIFACTS + " emptied (19 versions and delete markers)", "stack   " + STACK + " deleted");
		// emptied, the bucket went with the stack
		assertThat(Processes.execute(List.of(PythonTools.command("aws"), "--endpoint-url", moto.endpoint().toString(), "s3api",
				"head-bucket", "--bucket", bucket), moto.environment(), Duration.ofSeconds(30)).succeeded()).isFalse();
	}

	private String script(String name, String... arguments) {
		return script(Map.of(), name, arguments);
	}

	private String script(Map<String, String> extra, String name, String... arguments) {
		Processes.Result result = scriptResult(extra, name, arguments);
		assertThat(result.succeeded()).as(result.toString()).isTrue();
		return result.output();
	}

	private Processes.Result scriptResult(Map<String, String> extra, String name, String... arguments) {
		Map<String, String> environment = new HashMap<>(moto.environment());
		environment.putAll(extra);
		environment.put("STACK_NAME", STACK);
		// deploy.sh hands CloudFormation the template's S3 URL on this endpoint, and moto finds the bucket of such a
		// URL only when its host is localhost (or amazonaws.com), not 127.0.0.1
		environment.put("AWS_ENDPOINT_URL", moto.endpoint().toString().replace("127.0.0.1", "localhost"));
		List<String> command = new java.util.ArrayList<>(List.of("infra/aws/" + name));
		command.addAll(List.of(arguments));
		return Processes.execute(command, environment, Duration.ofSeconds(120));
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
