package io.netflixevents.frontend.archive;

import java.time.Duration;

import io.awspring.cloud.sqs.config.SqsMessageListenerContainerFactory;
import io.awspring.cloud.sqs.listener.QueueNotFoundStrategy;
import io.awspring.cloud.sqs.listener.errorhandler.ExponentialBackoffErrorHandler;
import io.micrometer.observation.ObservationRegistry;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The listener container {@link ArchiveCompletion} runs in: long polls of up to 10 messages; a failed message visible
 * again after 1 s, then 2, 4, ... up to 60 (not after the queue's whole visibility timeout), so that an S3 outage's
 * missing events are stored soon after it ends; a queue that does not exist stops the frontend instead of being
 * created without its subscription. A stop waits for the poll in flight, so polls last 5 s, not SQS's most (20 s):
 * the frontend stops within seconds, for 12 empty receives a minute when idle ($0.007 a day). The shutdown timeout
 * stays above the poll: when it runs out, Spring Cloud AWS 4.1.0 cancels the polls and its stop fails with a
 * ConcurrentModificationException (spring-cloud-aws#1594).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("netflix.events.archive-completion.enabled")
class ArchiveCompletionConfiguration {

	/** The bean name that {@code @SqsListener(factory = ...)} refers to. */
	static final String CONTAINER_FACTORY = "archiveCompletionContainerFactory";

	@Bean(CONTAINER_FACTORY)
	SqsMessageListenerContainerFactory<Object> archiveCompletionContainerFactory(SqsAsyncClient sqs,
			ObservationRegistry observations) {
		return SqsMessageListenerContainerFactory.builder()
			.sqsAsyncClient(sqs)
			.errorHandler(ExponentialBackoffErrorHandler.builder()
				.initialVisibilityTimeoutSeconds(1)
				.multiplier(2)
				.maxVisibilityTimeoutSeconds(60)
				.build())
			.configure(options -> options.maxMessagesPerPoll(10)
				.pollTimeout(Duration.ofSeconds(5))
				.queueNotFoundStrategy(QueueNotFoundStrategy.FAIL)
				.listenerShutdownTimeout(Duration.ofSeconds(10))
				.observationRegistry(observations))
			.build();
	}

}
