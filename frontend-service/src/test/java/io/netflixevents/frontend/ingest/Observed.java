package io.netflixevents.frontend.ingest;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.netflixevents.event.EventArchiveKey;
import io.netflixevents.testsupport.AwsEmulator;
import io.netflixevents.testsupport.Queues;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * What the frontend left in AWS: the archive's objects, and what reached the topic, seen through a queue of the
 * test's own subscribed to it with raw delivery.
 */
final class Observed {

	static final String BUCKET = "netflix-events-archive";

	static final String TOPIC = "netflix-events-topic";

	private final S3Client s3;

	private final SqsClient sqs;

	private final Queues queues;

	private final String topicQueueUrl;

	Observed(AwsEmulator aws) {
		this.s3 = aws.s3();
		this.sqs = aws.sqs();
		this.queues = new Queues(sqs);
		this.topicQueueUrl = queues.createWithDeadLetterQueue("frontend-observer", 30, 5);
		try (SnsClient sns = aws.sns()) {
			String topicArn = sns.createTopic(request -> request.name(TOPIC)).topicArn();
			sns.subscribe(request -> request.topicArn(topicArn)
				.protocol("sqs")
				.endpoint(queues.arnOf(topicQueueUrl))
				.attributes(Map.of("RawMessageDelivery", "true")));
		}
	}

	Set<String> archivedKeys() {
		return s3.listObjectsV2Paginator(request -> request.bucket(BUCKET).prefix(EventArchiveKey.PREFIX))
			.contents()
			.stream()
			.map(S3Object::key)
			.collect(Collectors.toSet());
	}

	String archived(String key) {
		return s3.getObjectAsBytes(request -> request.bucket(BUCKET).key(key)).asUtf8String();
	}

	/** Receives and deletes what reached the topic, waiting up to a second. */
	List<Message> published() {
		List<Message> messages = queues.peek(topicQueueUrl);
		messages.forEach(message -> sqs
			.deleteMessage(request -> request.queueUrl(topicQueueUrl).receiptHandle(message.receiptHandle())));
		return messages;
	}

	Queues queues() {
		return queues;
	}

}
