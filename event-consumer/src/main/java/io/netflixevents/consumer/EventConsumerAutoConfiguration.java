package io.netflixevents.consumer;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Everything a consumer service needs around its {@link MovieDetailsViewedHandler}: the listener and its container
 * (long polls, retries with backoff, dead-letter reporting, tracing), exactly-once application in the service's
 * table, the applied-events endpoints, metrics, and the queue's depth and health.
 */
@AutoConfiguration
@ConditionalOnBean(MovieDetailsViewedHandler.class)
@EnableConfigurationProperties({ ApplierProperties.class, RefreshProperties.class })
@Import(EventListenerConfiguration.class)
public class EventConsumerAutoConfiguration {

	@Bean
	ServiceTable serviceTable(DynamoDbClient dynamoDb, ConsumerProperties consumer) {
		return new ServiceTable(dynamoDb, consumer.requiredTable());
	}

	@Bean
	MovieDetailsViewedListener movieDetailsViewedListener(ServiceTable table, MovieDetailsViewedHandler handler,
			ApplierProperties applier, AppliedEventLog log, ConsumerMetrics metrics, Clock clock) {
		return new MovieDetailsViewedListener(new EventApplier(table, handler, applier, clock), log, metrics);
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

}
