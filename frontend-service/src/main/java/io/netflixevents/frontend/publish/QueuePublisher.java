package io.netflixevents.frontend.publish;

import java.util.List;

import io.awspring.cloud.sqs.QueueAttributesResolver;
import io.awspring.cloud.sqs.listener.QueueNotFoundStrategy;
import io.netflixevents.event.MovieDetailsViewedEvent;
import io.netflixevents.frontend.aws.AwsCallProperties;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Sends straight to one SQS queue, given by URL or by name (resolved once by Spring Cloud AWS's resolver, as its
 * listener resolves queues, and never created): the tutorial's single-consumer first step. The send carries the
 * request's call and attempt timeouts ({@link AwsCallProperties}); the client itself has none, for the archive
 * completion's long polls.
 */
class QueuePublisher implements EventPublisher {

	private final SqsAsyncClient sqs;

	private final String queue;

	private final TraceHeaders traceHeaders;

	private final AwsCallProperties calls;

	private volatile String queueUrl;

	QueuePublisher(SqsAsyncClient sqs, String queue, TraceHeaders traceHeaders, AwsCallProperties calls) {
		this.sqs = sqs;
		this.queue = queue;
		this.traceHeaders = traceHeaders;
		this.calls = calls;
	}

	@Override
	public Publication publish(MovieDetailsViewedEvent event, String json) {
		String url = queueUrl();
		String messageId = sqs.sendMessage(request -> request.queueUrl(url)
			.overrideConfiguration(
					timeouts -> timeouts.apiCallTimeout(calls.callTimeout()).apiCallAttemptTimeout(calls.attemptTimeout()))
			.messageBody(json)
			.messageAttributes(MessageAttributes.of(event, traceHeaders.current(),
					(type, value) -> MessageAttributeValue.builder().dataType(type).stringValue(value).build())))
			.join()
			.messageId();
		return new Publication(messageId, url);
	}

	private String queueUrl() {
		if (queueUrl == null) {
			queueUrl = QueueAttributesResolver.builder()
				.queueName(queue)
				.sqsAsyncClient(sqs)
				.queueNotFoundStrategy(QueueNotFoundStrategy.FAIL)
				.queueAttributeNames(List.of())
				.build()
				.resolveQueueAttributes()
				.join()
				.getQueueUrl();
		}
		return queueUrl;
	}

}
