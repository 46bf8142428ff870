package io.netflixevents.consumer;

import java.time.Clock;

import io.awspring.cloud.autoconfigure.sqs.SqsProperties;
import io.awspring.cloud.sqs.config.SqsMessageListenerContainerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.awspring.cloud.sqs.listener.QueueNotFoundStrategy;
import io.awspring.cloud.sqs.listener.errorhandler.ExponentialBackoffErrorHandler;
import io.awspring.cloud.sqs.support.converter.SqsMessagingMessageConverter;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.context.annotation.Bean;

/**
 * Everything a consumer service needs around its {@link MovieDetailsViewedHandler}: the listener and its container
 * (long polls, retries with backoff, dead-letter reporting, tracing), exactly-once application in the service's
 * table, the applied-events endpoints, metrics, and the queue's depth and health.
 */
@AutoConfiguration
@ConditionalOnBean(MovieDetailsViewedHandler.class)
@EnableConfigurationProperties({ ListenerProperties.class, ApplierProperties.class, RefreshProperties.class,
		ConsumerProperties.class })
public class EventConsumerAutoConfiguration {

	@Bean
	ServiceTable serviceTable(DynamoDbClient dynamoDb, ConsumerProperties consumer) {
		return new ServiceTable(dynamoDb, consumer.table());
	}

	@Bean
	MovieDetailsViewedListener movieDetailsViewedListener(ServiceTable table, MovieDetailsViewedHandler handler,
			ApplierProperties applier, AppliedEventLog log, ConsumerMetrics metrics, Clock clock) {
		return new MovieDetailsViewedListener(new EventApplier(table, handler, applier, clock), log, metrics);
	}

	@Bean
	ConsumerMetrics consumerMetrics(MeterRegistry registry, ConsumerProperties consumer, Clock clock) {
		return new ConsumerMetrics(registry, consumer.queueName(), clock);
	}

	@Bean
	QueueDepth queueHealthIndicator(SqsAsyncClient sqs, ConsumerProperties consumer, MeterRegistry registry) {
		return new QueueDepth(sqs, consumer.queue(), registry);
	}

	@Bean
	FixedDelayTask queueDepthPoll(QueueDepth depth, RefreshProperties refresh,
			ObjectProvider<ThreadPoolTaskSchedulerBuilder> schedulers) {
		return new FixedDelayTask("queue-depth", refresh.queueDepth(), depth::refresh, schedulerBuilder(schedulers));
	}

	/** Boot's, configured by {@code spring.task.scheduling.*}; a default one where the application has none. */
	private static ThreadPoolTaskSchedulerBuilder schedulerBuilder(ObjectProvider<ThreadPoolTaskSchedulerBuilder> schedulers) {
		return schedulers.getIfAvailable(ThreadPoolTaskSchedulerBuilder::new);
	}

	/**
	 * Polls as {@code spring.cloud.aws.sqs.listener.*} says; deletes succeeded messages in batches of up to ten, with
	 * one id per delivery in each batch (see {@link DeliveryIdHeaderMapper}).
	 */
	@Bean
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

	@Bean
	RollupRefresher rollupRefresher(ObjectProvider<MovieCounters> counters) {
		return new RollupRefresher(counters);
	}

	@Bean
	FixedDelayTask rollupRefresh(RollupRefresher refresher, RefreshProperties refresh,
			ObjectProvider<ThreadPoolTaskSchedulerBuilder> schedulers) {
		return new FixedDelayTask("rollup-refresh", refresh.rollups(), refresher::refresh, schedulerBuilder(schedulers));
	}

	@Bean
	AppliedEventLog appliedEventLog(Clock clock) {
		return new AppliedEventLog(1000, clock);
	}

	@Bean
	AppliedEventsController appliedEventsController(AppliedEventLog log, ServiceTable table,
			@Value("${spring.application.name:consumer}") String service) {
		return new AppliedEventsController(log, table, service);
	}

	/** The time the services' views are computed against; tests replace it. */
	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

}
