package io.netflixevents.infra;

import static io.netflixevents.infra.CloudFormationTemplate.asList;
import static io.netflixevents.infra.CloudFormationTemplate.cast;
import static io.netflixevents.infra.CloudFormationTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.netflixevents.testsupport.ProjectFiles;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The fleet of the template, created once a release is set (condition WithFleet): each service in an Auto Scaling
 * group across two Availability Zones, reached only through the load balancers, scaled on its own load, its
 * instances provisioned by the release's boot script; and the dashboard. What moto builds of it is in
 * {@link MotoDeploymentTests}.
 */
class FleetTemplateTests {

	private final CloudFormationTemplate template = CloudFormationTemplate.load();

	@Test
	void everyFleetResourceExistsOnlyOnceAReleaseIsSet() {
		assertThat(map(template.resources(), "Vpc")).containsEntry("Condition", "WithFleet");
		for (String type : List.of("AWS::AutoScaling::AutoScalingGroup", "AWS::AutoScaling::ScalingPolicy",
				"AWS::EC2::LaunchTemplate", "AWS::ElasticLoadBalancingV2::LoadBalancer",
				"AWS::ElasticLoadBalancingV2::TargetGroup", "AWS::ElasticLoadBalancingV2::Listener",
				"AWS::EC2::SecurityGroup", "AWS::EC2::Subnet")) {
			template.ofType(type)
				.keySet()
				.forEach(id -> assertThat(map(template.resources(), id)).as(id).containsEntry("Condition", "WithFleet"));
		}
		assertThat(template.ofType("AWS::EC2::Instance")).isEmpty();
		assertThat(template.ofType("AWS::AutoScaling::AutoScalingGroup")).hasSize(Services.ALL.size());
	}

	@Test
	void everyServiceRunsInAGroupAcrossTwoZonesHealthCheckedByItsLoadBalancer() {
		assertThat(template.properties("SubnetA")).containsEntry("AvailabilityZone",
				Map.of("Fn::Select", List.of(0, Map.of("Fn::GetAZs", ""))));
		assertThat(template.properties("SubnetB")).containsEntry("AvailabilityZone",
				Map.of("Fn::Select", List.of(1, Map.of("Fn::GetAZs", ""))));
		for (String service : Services.ALL) {
			String name = name(service);
			Map<String, Object> group = template.properties(name + "Group");
			assertThat(group).as(name)
				.containsEntry("AutoScalingGroupName", Map.of("Fn::Sub", "${AWS::StackName}-" + service))
				.containsEntry("VPCZoneIdentifier", List.of(Map.of("Ref", "SubnetA"), Map.of("Ref", "SubnetB")))
				.containsEntry("TargetGroupARNs", List.of(Map.of("Ref", name + "TargetGroup")))
				.containsEntry("HealthCheckType", "ELB")
				.containsEntry("LaunchTemplate", Map.of("LaunchTemplateId", Map.of("Ref", name + "LaunchTemplate"),
						"Version", Map.of("Fn::GetAtt", name + "LaunchTemplate.LatestVersionNumber")));
			assertThat(asList(group.get("MetricsCollection"))).singleElement()
				.satisfies(m -> assertThat(asList(cast(m).get("Metrics"))).contains("GroupInServiceInstances"));
			assertThat(template.properties(name + "TargetGroup")).as(name)
				.containsEntry("Port", Services.PORTS.get(service))
				.containsEntry("HealthCheckPath", "/actuator/health")
				.containsEntry("VpcId", Map.of("Ref", "Vpc"));

			Map<String, Object> launch = map(template.properties(name + "LaunchTemplate"), "LaunchTemplateData");
			assertThat(launch).as(name)
				.containsEntry("ImageId", Map.of("Ref", "LatestAmiId"))
				.containsEntry("IamInstanceProfile", Map.of("Arn", Map.of("Fn::GetAtt", name + "InstanceProfile.Arn")))
				.containsEntry("MetadataOptions", Map.of("HttpTokens", "required", "HttpEndpoint", "enabled"))
				.doesNotContainKey("KeyName");
		}
		Map<String, Object> frontendGroup = template.properties("FrontendGroup");
		assertThat(frontendGroup).containsEntry("MinSize", Map.of("Ref", "FrontendMinSize"))
			.containsEntry("MaxSize", Map.of("Ref", "FrontendMaxSize"));
		assertThat(map(template.parameters(), "FrontendMinSize")).containsEntry("MinValue", 2);
		assertThat(map(template.parameters(), "ConsumerMinSize")).containsEntry("MinValue", 1);
	}

	@Test
	void theFrontendIsReachedThroughThePublicLoadBalancerAndTheConsumersViewsThroughTheInternalOne() {
		assertThat(template.properties("LoadBalancer")).containsEntry("Scheme", "internet-facing");
		assertThat(template.properties("InternalLoadBalancer")).containsEntry("Scheme", "internal");
		assertThat(template.properties("LoadBalancerListener")).containsEntry("Port", 80)
			.containsEntry("LoadBalancerArn", Map.of("Ref", "LoadBalancer"))
			.containsEntry("DefaultActions",
					List.of(Map.of("Type", "forward", "TargetGroupArn", Map.of("Ref", "FrontendTargetGroup"))));
		String frontendData = userData("Frontend");
		for (String consumer : Services.CONSUMERS.keySet()) {
			String name = name(consumer);
			int port = Services.PORTS.get(consumer);
			assertThat(template.properties(name + "Listener")).containsEntry("Port", port)
				.containsEntry("LoadBalancerArn", Map.of("Ref", "InternalLoadBalancer"))
				.containsEntry("DefaultActions",
						List.of(Map.of("Type", "forward", "TargetGroupArn", Map.of("Ref", name + "TargetGroup"))));
			assertThat(frontendData).contains(Services.CONSUMERS.get(consumer).toUpperCase()
					+ "_SERVICE_URL=http://${InternalLoadBalancer.DNSName}:" + port + "\n");
		}
		assertThat(map(template.outputs(), "FrontendUrl")).containsEntry("Value",
				Map.of("Fn::Sub", "http://${LoadBalancer.DNSName}/api/events/movie-details-viewed"));
	}

	@Test
	void instancesAdmitOnlyTheirLoadBalancerAndOnlyThePublicOneAdmitsClients() {
		assertThat(ingress("LoadBalancerSecurityGroup")).singleElement()
			.satisfies(rule -> assertThat(rule).containsEntry("CidrIp", Map.of("Ref", "ClientCidr"))
				.containsEntry("FromPort", 80)
				.containsEntry("ToPort", 80));
		assertThat(ingress("FrontendSecurityGroup")).singleElement()
			.satisfies(rule -> assertThat(rule)
				.containsEntry("SourceSecurityGroupId", Map.of("Fn::GetAtt", "LoadBalancerSecurityGroup.GroupId"))
				.containsEntry("FromPort", 8080)
				.containsEntry("ToPort", 8080));
		assertThat(ingress("InternalLoadBalancerSecurityGroup")).singleElement()
			.satisfies(rule -> assertThat(rule)
				.containsEntry("SourceSecurityGroupId", Map.of("Fn::GetAtt", "FrontendSecurityGroup.GroupId")));
		assertThat(ingress("ConsumerSecurityGroup")).singleElement()
			.satisfies(rule -> assertThat(rule)
				.containsEntry("SourceSecurityGroupId",
						Map.of("Fn::GetAtt", "InternalLoadBalancerSecurityGroup.GroupId"))
				.containsEntry("FromPort", 8081)
				.containsEntry("ToPort", 8084));
		assertThat(template.ofType("AWS::EC2::SecurityGroupIngress")).isEmpty();
		assertThat(CloudFormationTemplate.text()).doesNotContain("FromPort: 22");
	}

	@Test
	void theFrontendScalesOnCpuAndEachConsumerOnItsOwnQueuesBacklogPerInstance() {
		Map<String, Object> frontend = template.properties("FrontendScalingPolicy");
		assertThat(frontend).containsEntry("AutoScalingGroupName", Map.of("Ref", "FrontendGroup"))
			.containsEntry("PolicyType", "TargetTrackingScaling");
		assertThat(map(frontend, "TargetTrackingConfiguration"))
			.containsEntry("PredefinedMetricSpecification", Map.of("PredefinedMetricType", "ASGAverageCPUUtilization"))
			.containsEntry("TargetValue", Map.of("Ref", "FrontendCpuTarget"));

		for (String consumer : Services.CONSUMERS.keySet()) {
			String name = name(consumer);
			assertThat(template.properties(name + "Group")).containsEntry("MinSize", Map.of("Ref", "ConsumerMinSize"))
				.containsEntry("MaxSize", Map.of("Ref", "ConsumerMaxSize"));
			Map<String, Object> policy = template.properties(name + "ScalingPolicy");
			assertThat(policy).containsEntry("AutoScalingGroupName", Map.of("Ref", name + "Group"))
				.containsEntry("PolicyType", "TargetTrackingScaling");
			Map<String, Object> tracking = map(policy, "TargetTrackingConfiguration");
			assertThat(tracking).containsEntry("TargetValue", Map.of("Ref", "BacklogPerInstance"));
			List<Object> metrics = asList(map(tracking, "CustomizedMetricSpecification").get("Metrics"));
			assertThat(metrics).extracting(m -> cast(m).get("Id"))
				.containsExactly("visible", "instances", "backlogPerInstance");
			assertThat(metric(metrics.get(0))).containsEntry("Namespace", "AWS/SQS")
				.containsEntry("MetricName", "ApproximateNumberOfMessagesVisible")
				.containsEntry("Dimensions",
						List.of(Map.of("Name", "QueueName", "Value", Map.of("Fn::GetAtt", name + "Queue.QueueName"))));
			assertThat(metric(metrics.get(1))).containsEntry("Namespace", "AWS/AutoScaling")
				.containsEntry("MetricName", "GroupInServiceInstances")
				.containsEntry("Dimensions",
						List.of(Map.of("Name", "AutoScalingGroupName", "Value", Map.of("Ref", name + "Group"))));
			assertThat(cast(metrics.get(2))).containsEntry("Expression", "visible / instances")
				.containsEntry("ReturnData", true);
			assertThat(cast(metrics.get(0))).containsEntry("ReturnData", false);
			assertThat(cast(metrics.get(1))).containsEntry("ReturnData", false);
		}
	}

	@Test
	void scalingInAConsumerWaitsWhileGracefulStopStopsItsServiceWithinTheHooksTimeout() throws IOException {
		String boot = Files.readString(ProjectFiles.resolve("infra/aws/boot.sh"));
		Matcher stop = Pattern.compile("TimeoutStopSec=(\\d+)").matcher(boot);
		assertThat(stop.find()).isTrue();
		int stopSeconds = Integer.parseInt(stop.group(1));
		String gracefulStop = Files.readString(ProjectFiles.resolve("infra/aws/graceful-stop.sh"));

		for (String consumer : Services.CONSUMERS.keySet()) {
			String name = name(consumer);
			assertThat(asList(template.properties(name + "Group").get("LifecycleHookSpecificationList")))
				.singleElement()
				.satisfies(h -> {
					Map<String, Object> hook = cast(h);
					assertThat(hook).containsEntry("LifecycleTransition", "autoscaling:EC2_INSTANCE_TERMINATING")
						.containsEntry("DefaultResult", "CONTINUE");
					assertThat(gracefulStop).contains("--lifecycle-hook-name " + hook.get("LifecycleHookName"));
					assertThat((Integer) hook.get("HeartbeatTimeout")).isGreaterThan(stopSeconds);
				});
			// the group name boot.sh hands graceful-stop.sh is the group's
			assertThat(userData(name)).contains("\"$release\" \"${AWS::StackName}-${Service}\" <<'EOF'");
		}
		assertThat(template.properties("FrontendGroup")).doesNotContainKey("LifecycleHookSpecificationList");
		assertThat(userData("Frontend")).contains("bash \"$boot\" ${Service} \"$release\" <<'EOF'");
	}

	@Test
	void everyInstanceBootsFromItsServicesObjectsInTheReleaseWithItsOwnEnvironment() {
		for (String service : Services.ALL) {
			String name = name(service);
			List<Object> sub = userDataSub(name);
			assertThat(cast(sub.get(1))).containsEntry("Service", service)
				.containsEntry("Port", Services.PORTS.get(service));
			String script = (String) sub.get(0);
			assertThat(script).contains("release=s3://${ArtifactsBucket}/releases/${ReleaseId}/${Service}\n",
					"\"$release/boot.sh\"", "AWS_REGION=${AWS::Region}\n", "SERVER_PORT=${Port}\n");
			if (service.equals(Services.FRONTEND)) {
				assertThat(script).contains("AWS_SNS_TOPIC=${Topic}\n", "AWS_S3_BUCKET=${ArchiveBucket}\n",
						"ARCHIVE_COMPLETION_QUEUE=${ArchiveQueue}\n")
					.doesNotContain("AWS_SQS_QUEUE_URL", "AWS_DYNAMODB_TABLE");
			}
			else {
				assertThat(script).contains("AWS_SQS_QUEUE_URL=${" + name + "Queue}\n",
						"AWS_DYNAMODB_TABLE=${" + name + "Table}\n")
					.doesNotContain("AWS_SNS_TOPIC");
			}
		}
	}

	@Test
	void theLoadBalancersErrorRateHasAnAlarm() {
		Map<String, Object> alarm = template.properties("LoadBalancerErrorAlarm");
		assertThat(map(template.resources(), "LoadBalancerErrorAlarm")).containsEntry("Condition", "WithFleet");
		List<Object> metrics = asList(alarm.get("Metrics"));
		assertThat(metrics.subList(0, 3)).extracting(m -> metric(m).get("MetricName"))
			.containsExactly("RequestCount", "HTTPCode_ELB_5XX_Count", "HTTPCode_Target_5XX_Count");
		assertThat(metrics.subList(0, 3)).allSatisfy(m -> assertThat(metric(m)).containsEntry("Dimensions", List
			.of(Map.of("Name", "LoadBalancer", "Value", Map.of("Fn::GetAtt", "LoadBalancer.LoadBalancerFullName")))));
		assertThat(cast(metrics.get(3))).containsEntry("ReturnData", true);
		assertThat(alarm).containsEntry("Threshold", Map.of("Ref", "ErrorRateAlarmPercent"))
			.containsEntry("AlarmActions", List.of(Map.of("Ref", "AlarmTopic")));
	}

	@Test
	void theDashboardShowsPublishesBacklogsAgesInstancesDeadLettersAndThrottles() {
		List<Object> sub = asList(map(template.properties("Dashboard"), "DashboardBody").get("Fn::Sub"));
		// JSON, which a YAML parser reads too
		Map<String, Object> body = new Yaml().load((String) sub.get(0));
		String all = asList(body.get("widgets")).stream()
			.map(widget -> map(cast(widget), "properties").get("metrics").toString())
			.collect(Collectors.joining("\n"));
		assertThat(all).contains("NumberOfMessagesPublished", "${Topic.TopicName}", "RequestCount",
				"${LoadBalancerName}");
		for (String consumer : Services.CONSUMERS.keySet()) {
			String name = name(consumer);
			assertThat(all).contains("${" + name + "Queue.QueueName}", "${" + name + "DeadLetterQueue.QueueName}",
					"${" + name + "DeliveryDeadLetterQueue.QueueName}", "${" + name + "Table}");
		}
		for (String service : Services.ALL) {
			assertThat(all).contains("${AWS::StackName}-" + service + "]");
		}
		assertThat(all).contains("ApproximateNumberOfMessagesVisible", "ApproximateAgeOfOldestMessage",
				"GroupInServiceInstances", "ReadThrottleEvents", "WriteThrottleEvents");
	}

	private static String name(String service) {
		return Services.capitalized(service.replace("-service", ""));
	}

	private List<Object> userDataSub(String name) {
		Map<String, Object> data = map(template.properties(name + "LaunchTemplate"), "LaunchTemplateData");
		return asList(map(map(data, "UserData"), "Fn::Base64").get("Fn::Sub"));
	}

	private String userData(String name) {
		return (String) userDataSub(name).get(0);
	}

	private List<Map<String, Object>> ingress(String securityGroup) {
		return asList(template.properties(securityGroup).get("SecurityGroupIngress")).stream()
			.map(CloudFormationTemplate::cast)
			.toList();
	}

	private static Map<String, Object> metric(Object query) {
		return map(map(cast(query), "MetricStat"), "Metric");
	}

}
