package io.netflixevents.infra;

import static io.netflixevents.infra.CloudFormationTemplate.asList;
import static io.netflixevents.infra.CloudFormationTemplate.cast;
import static io.netflixevents.infra.CloudFormationTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class CloudFormationTemplateTests {

	private final CloudFormationTemplate template = CloudFormationTemplate.load();

	@Test
	void queuesCarryTheTutorialSettingsAndRedriveToTheirDeadLetterQueueAfterFiveReceives() {
		for (String shortName : Services.QUEUES) {
			String name = Services.capitalized(shortName);
			Map<String, Object> queue = template.properties(name + "Queue");
			assertThat(queue).containsEntry("QueueName", "netflix-events-" + shortName)
				.containsEntry("VisibilityTimeout", 60)
				.containsEntry("MessageRetentionPeriod", 86400)
				// the archive's queue holds each message back until the ingest's own S3 put has ended
				.containsEntry("DelaySeconds", shortName.equals(Services.ARCHIVE) ? 15 : 0)
				.containsEntry("MaximumMessageSize", 262144)
				.containsEntry("ReceiveMessageWaitTimeSeconds", 20)
				.containsEntry("SqsManagedSseEnabled", true);
			assertThat(map(queue, "RedrivePolicy"))
				.containsEntry("deadLetterTargetArn", Map.of("Fn::GetAtt", name + "DeadLetterQueue.Arn"))
				.containsEntry("maxReceiveCount", 5);

			Map<String, Object> deadLetters = template.properties(name + "DeadLetterQueue");
			assertThat(deadLetters).containsEntry("QueueName", "netflix-events-" + shortName + "-dlq")
				.containsEntry("MessageRetentionPeriod", 1209600)
				.containsEntry("SqsManagedSseEnabled", true)
				.doesNotContainKey("RedrivePolicy");

			assertThat(template.properties(name + "DeliveryDeadLetterQueue"))
				.containsEntry("QueueName", "netflix-events-" + shortName + "-delivery-dlq")
				.containsEntry("MessageRetentionPeriod", 1209600)
				.containsEntry("SqsManagedSseEnabled", true)
				.doesNotContainKey("RedrivePolicy");
		}
		assertThat(template.ofType("AWS::SQS::Queue")).hasSize(3 * Services.QUEUES.size());
	}

	@Test
	void everyQueueAndNoDeadLetterQueueIsSubscribedToTheTopicWithRawDeliveryAndADeadLetterQueueOfItsOwn() {
		Map<String, Map<String, Object>> subscriptions = topicSubscriptions();
		assertThat(subscriptions.values()).extracting(s -> s.get("Endpoint"))
			.containsExactlyInAnyOrder(Services.QUEUES.stream()
				.map(s -> (Object) Map.of("Fn::GetAtt", Services.capitalized(s) + "Queue.Arn"))
				.toArray());
		assertThat(subscriptions.values()).allSatisfy(subscription -> assertThat(subscription)
			.containsEntry("TopicArn", Map.of("Ref", "Topic"))
			.containsEntry("Protocol", "sqs")
			.containsEntry("RawMessageDelivery", true));
		for (String shortName : Services.QUEUES) {
			String name = Services.capitalized(shortName);
			assertThat(map(subscriptions.get(name + "Subscription"), "RedrivePolicy"))
				.isEqualTo(Map.of("deadLetterTargetArn", Map.of("Fn::GetAtt", name + "DeliveryDeadLetterQueue.Arn")));
		}
	}

	/** The subscriptions of the event topic (the alarm topic has its own). */
	private Map<String, Map<String, Object>> topicSubscriptions() {
		Map<String, Map<String, Object>> subscriptions = new HashMap<>(
				template.ofType("AWS::SNS::Subscription"));
		subscriptions.values().removeIf(s -> !Map.of("Ref", "Topic").equals(s.get("TopicArn")));
		return subscriptions;
	}

	@Test
	void onlyTheTopicMaySendToEachQueueAndDeliveryDeadLetterQueue() {
		Map<String, Map<String, Object>> policies = template.ofType("AWS::SQS::QueuePolicy");
		assertThat(policies).hasSize(2 * Services.QUEUES.size());
		for (String queue : Services.QUEUES.stream()
			.flatMap(s -> Stream.of(Services.capitalized(s) + "Queue",
					Services.capitalized(s) + "DeliveryDeadLetterQueue"))
			.toList()) {
			Map<String, Object> policy = policies.get(queue + "Policy");
			assertThat(policy.get("Queues")).isEqualTo(List.of(Map.of("Ref", queue)));
			List<Object> statements = asList(map(policy, "PolicyDocument").get("Statement"));
			assertThat(statements).singleElement().satisfies(s -> {
				Map<String, Object> statement = cast(s);
				assertThat(statement).containsEntry("Effect", "Allow")
					.containsEntry("Principal", Map.of("Service", "sns.amazonaws.com"))
					.containsEntry("Action", "sqs:SendMessage")
					.containsEntry("Resource", Map.of("Fn::GetAtt", queue + ".Arn"))
					.containsEntry("Condition", Map.of("ArnEquals", Map.of("aws:SourceArn", Map.of("Ref", "Topic"))));
			});
		}
	}

	@Test
	void topicIsEncryptedWithTheSnsManagedKey() {
		assertThat(template.properties("Topic")).containsEntry("TopicName", "netflix-events-topic")
			.containsEntry("KmsMasterKeyId", "alias/aws/sns");
	}

	@Test
	void archiveBucketIsPrivateEncryptedVersionedTlsOnlyAndAgesItsObjects() {
		assertPrivateEncryptedVersionedAndTlsOnly("ArchiveBucket");
		assertThat(asList(map(template.properties("ArchiveBucket"), "LifecycleConfiguration").get("Rules")))
			.anySatisfy(rule -> assertThat(cast(rule)).containsEntry("Status", "Enabled")
				.containsEntry("Prefix", "events/")
				.containsKey("NoncurrentVersionExpiration"));
	}

	@Test
	void artifactsBucketIsPrivateEncryptedVersionedAndTlsOnly() {
		assertPrivateEncryptedVersionedAndTlsOnly("ArtifactsBucket");
		assertThat(map(template.outputs(), "ArtifactsBucket")).containsEntry("Value", Map.of("Ref", "ArtifactsBucket"));
	}

	private void assertPrivateEncryptedVersionedAndTlsOnly(String id) {
		Map<String, Object> bucket = template.properties(id);
		assertThat(map(bucket, "PublicAccessBlockConfiguration")).containsEntry("BlockPublicAcls", true)
			.containsEntry("BlockPublicPolicy", true)
			.containsEntry("IgnorePublicAcls", true)
			.containsEntry("RestrictPublicBuckets", true);
		assertThat(asList(map(bucket, "BucketEncryption").get("ServerSideEncryptionConfiguration"))).isNotEmpty();
		assertThat(map(bucket, "VersioningConfiguration")).containsEntry("Status", "Enabled");

		Map<String, Object> policy = template.properties(id + "Policy");
		assertThat(policy).containsEntry("Bucket", Map.of("Ref", id));
		assertThat(asList(map(policy, "PolicyDocument").get("Statement"))).anySatisfy(s -> {
			Map<String, Object> statement = cast(s);
			assertThat(statement).containsEntry("Effect", "Deny")
				.containsEntry("Principal", "*")
				.containsEntry("Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")));
			assertThat(asList(statement.get("Resource"))).hasSize(2);
		});
	}

	@Test
	void everyIamStatementNamesSpecificResourcesOfItsOwnService() {
		Map<String, Map<String, Object>> roles = template.ofType("AWS::IAM::Role");
		assertThat(roles).hasSize(5);
		assertThat(template.ofType("AWS::IAM::Policy")).isEmpty();
		assertThat(template.ofType("AWS::IAM::ManagedPolicy")).isEmpty();
		roles.forEach((id, role) -> {
			String service = serviceOfRole(id);
			assertThat(role).as(id).doesNotContainKey("ManagedPolicyArns");
			for (Object policy : asList(role.get("Policies"))) {
				for (Object s : asList(map(cast(policy), "PolicyDocument").get("Statement"))) {
					Map<String, Object> statement = cast(s);
					assertThat(statement).as(id).containsEntry("Effect", "Allow").doesNotContainKey("NotResource");
					List<Object> actions = asList(statement.get("Action"));
					assertThat(actions).as(id).allSatisfy(action -> assertThat((String) action)
						.matches("(s3|sns|sqs|dynamodb):\\w+|autoscaling:CompleteLifecycleAction"));
					assertThat(asList(statement.get("Resource"))).as(id + " resources").allSatisfy(resource -> {
						assertThat(resource).isNotInstanceOf(String.class);
						assertThat(ownResources(id, service)).contains(cast(resource));
					});
				}
			}
		});
	}

	private static final String GROUP_ARN = "arn:${AWS::Partition}:autoscaling:${AWS::Region}:${AWS::AccountId}"
			+ ":autoScalingGroup:*:autoScalingGroupName/${AWS::StackName}-";

	/** FrontendRole -> frontend-service. */
	private static String serviceOfRole(String roleId) {
		return roleId.substring(0, roleId.length() - "Role".length()).toLowerCase() + "-service";
	}

	@Test
	void eachInstanceMayOnlyFetchItsOwnServicesReleasesAndEachConsumerOnlyCompleteItsOwnGroupsTermination() {
		for (String service : Services.ALL) {
			String name = Services.capitalized(service.replace("-service", ""));
			List<Map<String, Object>> fetches = statements(name + "Role").stream()
				.filter(statement -> asList(statement.get("Action")).contains("s3:GetObject"))
				.filter(statement -> statement.get("Resource").toString().contains("ArtifactsBucket"))
				.toList();
			assertThat(fetches).as(name).singleElement().satisfies(statement -> {
				assertThat(asList(statement.get("Action"))).containsExactly("s3:GetObject");
				assertThat(statement.get("Resource"))
					.isEqualTo(Map.of("Fn::Sub", "${ArtifactsBucket.Arn}/releases/*/" + service + "/*"));
			});
			List<Map<String, Object>> lifecycle = statements(name + "Role").stream()
				.filter(statement -> asList(statement.get("Action")).contains("autoscaling:CompleteLifecycleAction"))
				.toList();
			if (service.equals(Services.FRONTEND)) {
				assertThat(lifecycle).isEmpty();
			}
			else {
				assertThat(lifecycle).singleElement()
					.satisfies(statement -> assertThat(statement.get("Resource"))
						.isEqualTo(Map.of("Fn::Sub", GROUP_ARN + service)));
			}
		}
	}

	@Test
	void frontendMayOnlyArchiveUnderTheEventsPrefixAndPublishToTheTopic() {
		List<Object> statements = asList(
				map(cast(asList(template.properties("FrontendRole").get("Policies")).get(0)), "PolicyDocument")
					.get("Statement"));
		assertThat(statements).extracting(s -> cast(s).get("Action"), s -> cast(s).get("Resource"))
			.containsExactlyInAnyOrder(
					org.assertj.core.groups.Tuple.tuple("s3:PutObject",
							Map.of("Fn::Sub", "${ArchiveBucket.Arn}/events/movie-details-viewed/*")),
					org.assertj.core.groups.Tuple.tuple("sns:Publish", Map.of("Ref", "Topic")));
	}

	@Test
	void frontendMayConsumeOnlyTheArchiveQueueAndTellArchivedEventsFromMissingOnes() {
		List<Object> statements = asList(
				map(cast(asList(template.properties("FrontendRole").get("Policies")).get(1)), "PolicyDocument")
					.get("Statement"));
		assertThat(statements).extracting(s -> cast(s).get("Action"), s -> cast(s).get("Resource"))
			.containsExactlyInAnyOrder(
					org.assertj.core.groups.Tuple.tuple(List.of("sqs:GetQueueUrl", "sqs:GetQueueAttributes",
							"sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility"),
							Map.of("Fn::GetAtt", "ArchiveQueue.Arn")),
					// a HEAD; with s3:ListBucket a missing object answers 404 instead of 403
					org.assertj.core.groups.Tuple.tuple("s3:GetObject",
							Map.of("Fn::Sub", "${ArchiveBucket.Arn}/events/movie-details-viewed/*")),
					org.assertj.core.groups.Tuple.tuple("s3:ListBucket", Map.of("Fn::GetAtt", "ArchiveBucket.Arn")));
	}

	@Test
	void eachConsumerMayOnlyReceiveDeleteAndChangeVisibilityOnItsOwnQueue() {
		for (String shortName : Services.CONSUMERS.values()) {
			String name = Services.capitalized(shortName);
			List<Object> statements = asList(
					map(cast(asList(template.properties(name + "Role").get("Policies")).get(0)), "PolicyDocument")
						.get("Statement"));
			assertThat(statements).singleElement().satisfies(s -> {
				assertThat(asList(cast(s).get("Action"))).containsExactlyInAnyOrder("sqs:GetQueueUrl",
						"sqs:GetQueueAttributes", "sqs:ReceiveMessage", "sqs:DeleteMessage",
						"sqs:ChangeMessageVisibility");
				assertThat(cast(s).get("Resource")).isEqualTo(Map.of("Fn::GetAtt", name + "Queue.Arn"));
			});
		}
	}

	@Test
	void eachConsumerHasItsOwnOnDemandEncryptedTableWithTtlAndPointInTimeRecoveryThatTeardownDeletes() {
		Map<String, Map<String, Object>> tables = template.ofType("AWS::DynamoDB::Table");
		assertThat(tables).hasSize(Services.CONSUMERS.size());
		for (String shortName : Services.CONSUMERS.values()) {
			String id = Services.capitalized(shortName) + "Table";
			assertThat(map(template.resources(), id)).as(id)
				.containsEntry("DeletionPolicy", "Delete")
				.containsEntry("UpdateReplacePolicy", "Delete");
			Map<String, Object> table = tables.get(id);
			assertThat(table).as(id)
				.containsEntry("TableName", "netflix-events-" + shortName)
				.containsEntry("BillingMode", "PAY_PER_REQUEST")
				.containsEntry("AttributeDefinitions",
						List.of(Map.of("AttributeName", "pk", "AttributeType", "S"),
								Map.of("AttributeName", "sk", "AttributeType", "S")))
				.containsEntry("KeySchema",
						List.of(Map.of("AttributeName", "pk", "KeyType", "HASH"),
								Map.of("AttributeName", "sk", "KeyType", "RANGE")))
				.containsEntry("TimeToLiveSpecification", Map.of("AttributeName", "expiresAt", "Enabled", true))
				.containsEntry("SSESpecification", Map.of("SSEEnabled", true))
				.containsEntry("PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true))
				.doesNotContainKeys("ProvisionedThroughput", "DeletionProtectionEnabled");
		}
	}

	@Test
	void eachConsumerMayOnlyReadAndWriteItemsOfItsOwnTable() {
		for (String shortName : Services.CONSUMERS.values()) {
			String name = Services.capitalized(shortName);
			List<Map<String, Object>> dynamoDbStatements = statements(name + "Role").stream()
				.filter(statement -> asList(statement.get("Action")).stream()
					.anyMatch(action -> ((String) action).startsWith("dynamodb:")))
				.toList();
			assertThat(dynamoDbStatements).as(name).singleElement().satisfies(statement -> {
				assertThat(asList(statement.get("Action"))).containsExactlyInAnyOrder("dynamodb:GetItem",
						"dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem",
						"dynamodb:ConditionCheckItem");
				assertThat(statement.get("Resource")).isEqualTo(Map.of("Fn::GetAtt", name + "Table.Arn"));
			});
			// no other consumer's table anywhere in this role
			String role = template.properties(name + "Role").toString();
			for (String other : Services.CONSUMERS.values()) {
				if (!other.equals(shortName)) {
					assertThat(role).as(name + "Role").doesNotContain(Services.capitalized(other) + "Table");
				}
			}
		}
		assertThat(statements("FrontendRole")).allSatisfy(statement -> assertThat(asList(statement.get("Action")))
			.noneSatisfy(action -> assertThat((String) action).startsWith("dynamodb:")));
	}

	@Test
	void everyServiceHasAnInstanceProfileForItsRole() {
		Map<String, Map<String, Object>> profiles = template.ofType("AWS::IAM::InstanceProfile");
		assertThat(profiles).hasSize(5);
		profiles.forEach((id, profile) -> assertThat(profile.get("Roles"))
			.isEqualTo(List.of(Map.of("Ref", id.replace("InstanceProfile", "Role")))));
	}

	@Test
	void outputsGiveEveryServiceItsEnvironment() {
		Map<String, Object> outputs = template.outputs();
		assertThat(map(outputs, "AwsSnsTopic")).containsEntry("Value", Map.of("Ref", "Topic"));
		assertThat(map(outputs, "AwsS3Bucket")).containsEntry("Value", Map.of("Ref", "ArchiveBucket"));
		assertThat(map(outputs, "AwsRegion")).containsEntry("Value", Map.of("Ref", "AWS::Region"));
		assertThat(map(outputs, "ArchiveQueueUrl")).containsEntry("Value", Map.of("Ref", "ArchiveQueue"));
		for (String shortName : Services.CONSUMERS.values()) {
			String name = Services.capitalized(shortName);
			assertThat(map(outputs, name + "QueueUrl")).containsEntry("Value", Map.of("Ref", name + "Queue"));
			assertThat(map(outputs, name + "Table")).containsEntry("Value", Map.of("Ref", name + "Table"))
				.doesNotContainKey("Condition");
		}
	}

	@Test
	void failedDeliveriesAndEveryDeadLetterQueueBacklogAndTableHaveAnAlarmThatNotifiesTheAlarmTopic() {
		Map<String, Map<String, Object>> alarms = template.ofType("AWS::CloudWatch::Alarm");
		assertThat(alarms).hasSize(3 * Services.QUEUES.size() + Services.CONSUMERS.size() + 2);
		assertThat(alarms.get("DeliveryFailureAlarm")).containsEntry("Namespace", "AWS/SNS")
			.containsEntry("MetricName", "NumberOfNotificationsFailed")
			.containsEntry("Dimensions",
					List.of(Map.of("Name", "TopicName", "Value", Map.of("Fn::GetAtt", "Topic.TopicName"))))
			.containsEntry("Threshold", 0);
		assertThat(alarms.values()).allSatisfy(alarm -> assertThat(alarm)
			.containsEntry("AlarmActions", List.of(Map.of("Ref", "AlarmTopic")))
			.containsEntry("TreatMissingData", "notBreaching")
			.containsEntry("ComparisonOperator", "GreaterThanThreshold"));
		for (String shortName : Services.QUEUES) {
			String name = Services.capitalized(shortName);
			for (String queue : List.of("DeadLetterQueue", "DeliveryDeadLetterQueue")) {
				assertThat(alarms.get(name + queue.replace("Queue", "Alarm")))
					.containsEntry("Namespace", "AWS/SQS")
					.containsEntry("MetricName", "ApproximateNumberOfMessagesVisible")
					.containsEntry("Dimensions",
							List.of(Map.of("Name", "QueueName", "Value", Map.of("Fn::GetAtt", name + queue + ".QueueName"))))
					.containsEntry("Threshold", 0)
					.containsEntry("EvaluationPeriods", 1);
			}
			assertThat(alarms.get(name + "BacklogAgeAlarm")).containsEntry("MetricName", "ApproximateAgeOfOldestMessage")
				.containsEntry("Dimensions",
						List.of(Map.of("Name", "QueueName", "Value", Map.of("Fn::GetAtt", name + "Queue.QueueName"))))
				.containsEntry("Threshold", Map.of("Ref", "OldestMessageAlarmSeconds"));
		}
		for (String shortName : Services.CONSUMERS.values()) {
			String name = Services.capitalized(shortName);
			List<Object> metrics = asList(alarms.get(name + "TableThrottleAlarm").get("Metrics"));
			assertThat(metrics).extracting(m -> cast(m).get("Id")).containsExactly("reads", "writes", "throttled");
			assertThat(metrics.subList(0, 2)).allSatisfy(m -> assertThat(
					map(map(cast(m), "MetricStat"), "Metric").get("Dimensions"))
				.isEqualTo(List.of(Map.of("Name", "TableName", "Value", Map.of("Ref", name + "Table")))));
			assertThat(cast(metrics.get(2))).containsEntry("Expression", "FILL(reads, 0) + FILL(writes, 0)")
				.containsEntry("ReturnData", true);
		}
	}

	@Test
	void onlyThisAccountsAlarmsPublishToTheAlarmTopicAndAnEmailSubscribesWhenGiven() {
		Map<String, Object> policy = template.properties("AlarmTopicPolicy");
		assertThat(policy).containsEntry("Topics", List.of(Map.of("Ref", "AlarmTopic")));
		assertThat(asList(map(policy, "PolicyDocument").get("Statement"))).singleElement()
			.satisfies(s -> assertThat(cast(s)).containsEntry("Effect", "Allow")
				.containsEntry("Principal", Map.of("Service", "cloudwatch.amazonaws.com"))
				.containsEntry("Action", "sns:Publish")
				.containsEntry("Resource", Map.of("Ref", "AlarmTopic"))
				.containsEntry("Condition",
						Map.of("StringEquals", Map.of("aws:SourceAccount", Map.of("Ref", "AWS::AccountId")))));
		assertThat(map(template.resources(), "AlarmEmailSubscription")).containsEntry("Condition", "WithAlarmEmail");
		assertThat(template.properties("AlarmEmailSubscription")).containsEntry("Protocol", "email")
			.containsEntry("Endpoint", Map.of("Ref", "AlarmEmail"))
			.containsEntry("TopicArn", Map.of("Ref", "AlarmTopic"));
		assertThat(map(template.outputs(), "AlarmTopicArn")).containsEntry("Value", Map.of("Ref", "AlarmTopic"));
	}

	@Test
	void latestAmazonLinux2023IsResolvedFromThePublicSsmParameter() {
		String text = CloudFormationTemplate.text();
		assertThat(text).contains("Type: AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>",
				"Default: /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64");
	}

	@Test
	void templateUsesNoYamlAnchorsOrAliasesWhichCloudFormationRejects() {
		assertThat(Pattern.compile("(?m)(:|-)\\s+[&*][A-Za-z]").matcher(CloudFormationTemplate.text()).find())
			.isFalse();
	}

	/** What the role's statements may name: the frontend the archive's queue and bucket, a consumer its own. */
	private static List<Map<String, Object>> ownResources(String roleId, String service) {
		List<Map<String, Object>> own = new ArrayList<>(List.of(Map.of("Ref", "Topic"),
				Map.of("Fn::Sub", "${ArchiveBucket.Arn}/events/movie-details-viewed/*"),
				Map.of("Fn::Sub", "${ArtifactsBucket.Arn}/releases/*/" + service + "/*"),
				Map.of("Fn::Sub", GROUP_ARN + service)));
		if (service.equals(Services.FRONTEND)) {
			own.add(Map.of("Fn::GetAtt", "ArchiveQueue.Arn"));
			own.add(Map.of("Fn::GetAtt", "ArchiveBucket.Arn"));
		}
		else {
			own.add(Map.of("Fn::GetAtt", roleId.replace("Role", "Queue.Arn")));
			own.add(Map.of("Fn::GetAtt", roleId.replace("Role", "Table.Arn")));
		}
		return own;
	}

	/** Every statement of every inline policy of the role. */
	private List<Map<String, Object>> statements(String roleId) {
		return asList(template.properties(roleId).get("Policies")).stream()
			.flatMap(policy -> asList(map(cast(policy), "PolicyDocument").get("Statement")).stream())
			.map(CloudFormationTemplate::cast)
			.toList();
	}

}
