package io.netflixevents.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Reads and prepares queues on the emulator for assertions. */
public final class Queues {

	private final SqsClient sqs;

	public Queues(SqsClient sqs) {
		this.sqs = sqs;
	}

	public String urlOf(String queueName) {
		return sqs.getQueueUrl(request -> request.queueName(queueName)).queueUrl();
	}

	/** Messages waiting plus messages received and not yet deleted. */
	public int depth(String queueUrl) {
		Map<QueueAttributeName, String> attributes = sqs
			.getQueueAttributes(request -> request.queueUrl(queueUrl)
				.attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
						QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
			.attributes();
		return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
				+ Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
	}

	/** Receives, without deleting, what is visible now (up to ten). */
	public List<Message> peek(String queueUrl) {
		return sqs
			.receiveMessage(request -> request.queueUrl(queueUrl)
				.maxNumberOfMessages(10)
				.visibilityTimeout(0)
				.waitTimeSeconds(1)
				.messageAttributeNames("All"))
			.messages();
	}

	/** Receives and deletes, with their attributes, until a receive comes back empty. */
	public List<Message> drain(String queueUrl) {
		List<Message> all = new ArrayList<>();
		List<Message> received;
		do {
			received = sqs
				.receiveMessage(request -> request.queueUrl(queueUrl)
					.maxNumberOfMessages(10)
					.waitTimeSeconds(1)
					.messageAttributeNames("All"))
				.messages();
			received.forEach(message -> sqs
				.deleteMessage(request -> request.queueUrl(queueUrl).receiptHandle(message.receiptHandle())));
			all.addAll(received);
		}
		while (!received.isEmpty());
		return all;
	}

	public void purge(String queueUrl) {
		sqs.purgeQueue(request -> request.queueUrl(queueUrl));
	}

	/**
	 * A fresh queue for one test class, with a dead-letter queue after {@code maxReceiveCount} receives and a short
	 * visibility timeout so that redelivery shows within seconds. Returns its URL.
	 */
	public String createWithDeadLetterQueue(String prefix, int visibilityTimeoutSeconds, int maxReceiveCount) {
		String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
		String dlqUrl = sqs.createQueue(request -> request.queueName(name + "-dlq")).queueUrl();
		String dlqArn = arnOf(dlqUrl);
		return sqs
			.createQueue(request -> request.queueName(name)
				.attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, String.valueOf(visibilityTimeoutSeconds),
						QueueAttributeName.REDRIVE_POLICY,
						"{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + maxReceiveCount
								+ "\"}")))
			.queueUrl();
	}

	public String deadLetterQueueOf(String queueUrl) {
		return queueUrl + "-dlq";
	}

	public String arnOf(String queueUrl) {
		return sqs.getQueueAttributes(request -> request.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
			.attributes()
			.get(QueueAttributeName.QUEUE_ARN);
	}

}
