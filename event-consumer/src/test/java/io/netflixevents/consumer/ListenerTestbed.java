package io.netflixevents.consumer;

import io.netflixevents.testsupport.AwsEmulator;
import io.netflixevents.testsupport.Queues;
import io.netflixevents.testsupport.Tables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A queue with its dead-letter queue and a service table on the shared emulator, for a test class that runs the
 * consumer's listener against them with {@link RecordingApplication}. The queue's visibility timeout is short, so
 * that a failed or unacknowledged message comes back within seconds.
 */
final class ListenerTestbed implements AutoCloseable {

	final AwsEmulator aws = AwsEmulator.shared();

	final SqsClient sqs = aws.sqs();

	final Queues queues = new Queues(sqs);

	final DynamoDbClient dynamoDb = Tables.client(aws);

	final String queueUrl;

	final String table;

	private final int maxReceiveCount;

	ListenerTestbed(String name, int visibilityTimeoutSeconds, int maxReceiveCount) {
		this.queueUrl = queues.createWithDeadLetterQueue(name, visibilityTimeoutSeconds, maxReceiveCount);
		this.table = Tables.createServiceTable(dynamoDb, name);
		this.maxReceiveCount = maxReceiveCount;
	}

	/** Points the listener at this queue and table, with 1 s long polls. */
	void register(DynamicPropertyRegistry registry) {
		aws.register(registry);
		registry.add("netflix.events.queue", () -> queueUrl);
		registry.add("netflix.events.table", () -> table);
		registry.add("spring.cloud.aws.sqs.listener.poll-timeout", () -> "1s");
		registry.add("netflix.events.listener.max-receive-count", () -> Integer.toString(maxReceiveCount));
	}

	String queueName() {
		return queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
	}

	String deadLetterQueueUrl() {
		return queues.deadLetterQueueOf(queueUrl);
	}

	@Override
	public void close() {
		sqs.close();
		dynamoDb.close();
	}

}
