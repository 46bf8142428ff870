package io.netflixevents.consumer;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.awspring.cloud.sqs.QueueAttributesResolver;
import io.awspring.cloud.sqs.listener.QueueNotFoundStrategy;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The depth of the service's queue (visible and in flight) and of its dead-letter queue, read every
 * {@code netflix.events.refresh.queue-depth}, as gauges {@code netflix.events.queue.messages{state=...}} and as the
 * {@code queue} health: down when the queue cannot be read, up with the depths otherwise.
 */
class QueueDepth implements HealthIndicator {

	private final SqsAsyncClient sqs;

	private final String queue;

	private final AtomicLong visible = new AtomicLong(-1);

	private final AtomicLong inFlight = new AtomicLong(-1);

	private final AtomicLong deadLettered = new AtomicLong(-1);

	private volatile String queueUrl;

	private volatile Exception lastFailure;

	QueueDepth(SqsAsyncClient sqs, String queue, MeterRegistry registry) {
		this.sqs = sqs;
		this.queue = queue;
		gauge(registry, "visible", visible);
		gauge(registry, "in_flight", inFlight);
		gauge(registry, "dead_lettered", deadLettered);
	}

	private void gauge(MeterRegistry registry, String state, AtomicLong value) {
		Gauge.builder("netflix.events.queue.messages", value, AtomicLong::get)
			.tags("queue", queue, "state", state)
			.register(registry);
	}

	void refresh() {
		try {
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
			Map<QueueAttributeName, String> main = depthOf(queueUrl);
			visible.set(Long.parseLong(main.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)));
			inFlight.set(Long.parseLong(main.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)));
			deadLettered.set(Long.parseLong(depthOf(queueUrl + "-dlq").get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)));
			lastFailure = null;
		}
		catch (RuntimeException ex) {
			lastFailure = ex;
		}
	}

	private Map<QueueAttributeName, String> depthOf(String url) {
		return sqs
			.getQueueAttributes(request -> request.queueUrl(url)
				.attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
						QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
			.join()
			.attributes();
	}

	@Override
	public Health health() {
		Exception failure = lastFailure;
		if (failure != null) {
			return Health.down().withDetail("queue", queue).withDetail("error", failure.getMessage()).build();
		}
		return Health.up()
			.withDetail("queue", queue)
			.withDetail("visible", visible.get())
			.withDetail("inFlight", inFlight.get())
			.withDetail("deadLettered", deadLettered.get())
			.build();
	}

}
