package io.netflixevents.frontend.publish;

import io.netflixevents.event.MovieDetailsViewedEvent;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** Sends straight to one SQS queue, given by URL or name: the tutorial's single-consumer first step. */
class QueuePublisher implements EventPublisher {

	private final SqsAsyncClient sqs;

	private final String queue;

	private final TraceHeaders traceHeaders;

	private volatile String queueUrl;

	QueuePublisher(SqsAsyncClient sqs, String queue, TraceHeaders traceHeaders) {
		this.sqs = sqs;
		this.queue = queue;
		this.traceHeaders = traceHeaders;
		this.queueUrl = queue.startsWith("http") ? queue : null;
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
			queueUrl = sqs.getQueueUrl(request -> request.queueName(queue)).join().queueUrl();
		}
		return queueUrl;
	}

}
