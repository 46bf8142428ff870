package io.netflixevents.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The services' topology with {@code infra/local/topology.sh}'s names and queue settings, created with the SDK
 * because the script takes one endpoint and here SNS, SQS and S3 (fauxqs) and DynamoDB (moto) are apart. Plus the
 * bench's own queues for the baselines.
 */
final class Topology {

	static final List<String> SERVICES = List.of("recommendation", "search", "streaming", "user");

	static final String TOPIC = "netflix-events-topic";

	static final String BUCKET = "netflix-events-archive";

	final String topicArn;

	final Map<String, String> queueUrls = new java.util.LinkedHashMap<>();

	private Topology(String topicArn) {
		this.topicArn = topicArn;
	}

	/** Creates the topic, bucket and queues on {@code aws}, and service i's table on {@code stores[i % size]}. */
	static Topology create(URI aws, List<URI> stores) {
		try (SqsClient sqs = Aws.sqs(aws); SnsClient sns = Aws.sns(aws); S3Client s3 = Aws.s3(aws)) {
			Topology topology = new Topology(sns.createTopic(t -> t.name(TOPIC)).topicArn());
			s3.createBucket(b -> b.bucket(BUCKET));
			List<String> queues = new ArrayList<>();
			SERVICES.forEach(service -> queues.add("netflix-events-" + service));
			queues.addAll(List.of("bench-noop", "bench-raw", "bench-raw-jvm", "bench-tutorial"));
			for (String queue : queues) {
				String dlqArn = attribute(sqs, sqs.createQueue(q -> q.queueName(queue + "-dlq")).queueUrl(),
						QueueAttributeName.QUEUE_ARN);
				String url = sqs.createQueue(q -> q.queueName(queue)
					.attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "60",
							QueueAttributeName.MESSAGE_RETENTION_PERIOD, "86400",
							QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS, "20",
							QueueAttributeName.REDRIVE_POLICY,
							"{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"5\"}")))
					.queueUrl();
				topology.queueUrls.put(queue, url);
				if (queue.startsWith("netflix-events-")) {
					String arn = attribute(sqs, url, QueueAttributeName.QUEUE_ARN);
					sns.subscribe(s -> s.topicArn(topology.topicArn).protocol("sqs").endpoint(arn)
						.attributes(Map.of("RawMessageDelivery", "true")));
				}
			}
			for (int i = 0; i < SERVICES.size(); i++) {
				String service = SERVICES.get(i);
				try (DynamoDbClient dynamoDb = Aws.dynamoDb(stores.get(i % stores.size()))) {
					dynamoDb.createTable(t -> t.tableName("netflix-events-" + service)
						.billingMode(BillingMode.PAY_PER_REQUEST)
						.attributeDefinitions(attributeS("pk"), attributeS("sk"))
						.keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
								KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build()));
				}
				catch (ResourceInUseException exists) {
					// a rerun against the same emulator
				}
			}
			return topology;
		}
	}

	String queueUrl(String name) {
		return queueUrls.get(name);
	}

	private static AttributeDefinition attributeS(String name) {
		return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
	}

	private static String attribute(SqsClient sqs, String url, QueueAttributeName name) {
		return sqs.getQueueAttributes(a -> a.queueUrl(url).attributeNames(name)).attributes().get(name);
	}

}
