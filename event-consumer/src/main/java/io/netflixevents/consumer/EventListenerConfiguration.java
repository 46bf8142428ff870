package io.netflixevents.consumer;

import java.time.Clock;

import io.awspring.cloud.autoconfigure.sqs.SqsProperties;
import io.awspring.cloud.sqs.config.SqsMessageListenerContainerFactory;
import io.awspring.cloud.sqs.listener.QueueNotFoundStrategy;
import io.awspring.cloud.sqs.listener.errorhandler.ExponentialBackoffErrorHandler;
import io.awspring.cloud.sqs.support.converter.SqsMessagingMessageConverter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The listener container that a consumer's {@code @SqsListener} on {@code ${netflix.events.queue}} runs in, named
 * {@value #CONTAINER_FACTORY}: long polls as {@code spring.cloud.aws.sqs.listener.*} says, retries with exponential
 * visibility backoff and reports the last receive before the dead-letter queue, deletes in batches with one id per
 * delivery, and continues the frontend's trace. {@link EventConsumerAutoConfiguration} imports it; it is public so
 * that the benchmark's no-op listener runs in this container, not in a copy of it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ ListenerProperties.class, ConsumerProperties.class })
public class EventListenerConfiguration {

	/** The bean name that {@code @SqsListener(factory = ...)} refers to. */
	public static final String CONTAINER_FACTORY = "eventListenerContainerFactory";

	@Bean
	ConsumerMetrics consumerMetrics(MeterRegistry registry, ConsumerProperties consumer, Clock clock) {
		return new ConsumerMetrics(registry, consumer.queueName(), clock);
	}

	/**
	 * Polls as {@code spring.cloud.aws.sqs.listener.*} says; deletes succeeded messages in batches of up to ten, with
	 * one id per delivery in each batch (see {@link DeliveryIdHeaderMapper}).
	 */
	@Bean(CONTAINER_FACTORY)
	SqsMessageListenerContainerFactory<Object> eventListenerContainerFactory(SqsAsyncClient sqs,
			SqsProperties sqsProperties, ListenerProperties listener, ConsumerMetrics metrics,
			ObservationRegistry observations) {
		SqsProperties.Listener polling = sqsProperties.getListener();
		PropertyMapper map = PropertyMapper.get();
		return SqsMessageListenerContainerFactory.builder()
			.sqsAsyncClient(sqs)
			.errorHandler(new DeadLetterReporting(ExponentialBackoffErrorHandler.builder()
				.initialVisibilityTimeoutSeconds((int) listener.firstRetryDelay().toSeconds())
				.multiplier(2)
				.maxVisibilityTimeoutSeconds((int) listener.maxRetryDelay().toSeconds())
				.build(), listener.maxReceiveCount(), metrics))
			.configure(options -> {
				map.from(polling::getMaxMessagesPerPoll).to(options::maxMessagesPerPoll);
				map.from(polling::getPollTimeout).to(options::pollTimeout);
				map.from(polling::getMaxConcurrentMessages).to(options::maxConcurrentMessages);
				options.queueNotFoundStrategy(QueueNotFoundStrategy.FAIL)
					.acknowledgementInterval(listener.acknowledgementInterval())
					.acknowledgementThreshold(listener.acknowledgementThreshold())
					.messageConverter(deliveryIdConverter())
					.listenerShutdownTimeout(listener.shutdownTimeout())
					// continues the trace that the frontend put in the message's traceparent attribute
					.observationRegistry(observations);
			})
			.build();
	}

	private static SqsMessagingMessageConverter deliveryIdConverter() {
		SqsMessagingMessageConverter converter = new SqsMessagingMessageConverter();
		converter.setHeaderMapper(new DeliveryIdHeaderMapper());
		return converter;
	}

	/** The time the services' views are computed against; tests replace it. */
	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

}
