package io.netflixevents.consumer;

import java.util.Collection;
import java.util.concurrent.CompletableFuture;

import io.awspring.cloud.sqs.MessageHeaderUtils;
import io.awspring.cloud.sqs.listener.SqsHeaders;
import io.awspring.cloud.sqs.listener.errorhandler.AsyncErrorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.messaging.Message;

/**
 * Retries a failed message with Spring Cloud AWS's exponential visibility backoff, and logs it, once, when it failed
 * its last receive: SQS moves it to the dead-letter queue on the next one.
 */
class DeadLetterReporting implements AsyncErrorHandler<Object> {

	private static final Logger log = LoggerFactory.getLogger(DeadLetterReporting.class);

	private final AsyncErrorHandler<Object> backoff;

	private final int maxReceiveCount;

	private final ConsumerMetrics metrics;

	DeadLetterReporting(AsyncErrorHandler<Object> backoff, int maxReceiveCount, ConsumerMetrics metrics) {
		this.backoff = backoff;
		this.maxReceiveCount = maxReceiveCount;
		this.metrics = metrics;
	}

	@Override
	public CompletableFuture<Void> handle(Message<Object> message, Throwable t) {
		reportIfLast(message, t);
		return backoff.handle(message, t);
	}

	@Override
	public CompletableFuture<Void> handle(Collection<Message<Object>> messages, Throwable t) {
		messages.forEach(message -> reportIfLast(message, t));
		return backoff.handle(messages, t);
	}

	private void reportIfLast(Message<Object> message, Throwable t) {
		Object count = message.getHeaders().get(SqsHeaders.MessageSystemAttributes.SQS_APPROXIMATE_RECEIVE_COUNT);
		if (count != null && Integer.parseInt(count.toString()) >= maxReceiveCount) {
			metrics.deadLettered();
			log.error("Dead-lettering message {} after {} receives: {}", MessageHeaderUtils.getRawMessageId(message),
					count, rootCause(t).toString());
		}
	}

	private static Throwable rootCause(Throwable t) {
		Throwable cause = t;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause;
	}

}
