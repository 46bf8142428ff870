package io.netflixevents.bench.noop;

import java.time.Duration;

import io.awspring.cloud.sqs.annotation.SqsListener;
import io.awspring.cloud.sqs.config.SqsMessageListenerContainerFactory;
import io.awspring.cloud.sqs.listener.QueueNotFoundStrategy;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/**
 * Listens on {@code bench.queue} with the container settings of {@code EventConsumerAutoConfiguration} (the same
 * {@code netflix.events.listener.*} properties and defaults, deletes batched as the services batch them) and a
 * handler that does nothing. Started by the bench with {@code --spring.cloud.aws.endpoint=... --bench.queue=...}.
 */
@SpringBootApplication
public class NoopListenerApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(NoopListenerApplication.class);
		application.setDefaultProperties(java.util.Map.of("spring.main.web-application-type", "none"));
		application.run(args);
	}

	@Bean
	SqsMessageListenerContainerFactory<Object> eventListenerContainerFactory(SqsAsyncClient sqs,
			@Value("${spring.cloud.aws.sqs.listener.max-messages-per-poll:10}") int maxMessagesPerPoll,
			@Value("${spring.cloud.aws.sqs.listener.poll-timeout:20s}") Duration pollTimeout,
			@Value("${spring.cloud.aws.sqs.listener.max-concurrent-messages:20}") int maxConcurrentMessages,
			@Value("${netflix.events.listener.acknowledgement-interval:1s}") Duration acknowledgementInterval,
			@Value("${netflix.events.listener.acknowledgement-threshold:10}") int acknowledgementThreshold) {
		return SqsMessageListenerContainerFactory.builder()
			.sqsAsyncClient(sqs)
			.configure(options -> options.maxMessagesPerPoll(maxMessagesPerPoll)
				.pollTimeout(pollTimeout)
				.maxConcurrentMessages(maxConcurrentMessages)
				.acknowledgementInterval(acknowledgementInterval)
				.acknowledgementThreshold(acknowledgementThreshold)
				.queueNotFoundStrategy(QueueNotFoundStrategy.FAIL))
			.build();
	}

	@Component
	static class NoopListener {

		@SqsListener(value = "${bench.queue}", factory = "eventListenerContainerFactory")
		void on(String body) {
			// nothing: this row measures the listener container, not the work
		}

	}

}
