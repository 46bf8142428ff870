package io.netflixevents.frontend.publish;

import java.util.List;

import io.awspring.cloud.sqs.QueueAttributesResolver;
import io.awspring.cloud.sqs.listener.QueueNotFoundStrategy;
import io.netflixevents.event.MovieDetailsViewedEvent;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Sends straight to one SQS queue, given by URL or by name (resolved once by Spring Cloud AWS's resolver, as its
 * listener resolves queues, and never created): the tutorial's single-consumer first step.
 */
class QueuePublisher implements EventPublisher {

	private final SqsAsyncClient sqs;

	private final String queue;

	private final TraceHeaders traceHeaders;

	private volatile String queueUrl;

	QueuePublisher(SqsAsyncClient sqs, String queue, TraceHeaders traceHeaders) {
		this.sqs = sqs;
		this.queue = queue;
		this.traceHeaders = traceHeaders;
	}

	@Override
	public Publication publish(MovieDetailsViewedEvent event, String json) {
		String url = queueUrl();
		String messageId = sqs.sendMessage(request -> request.queueUrl(url)
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
