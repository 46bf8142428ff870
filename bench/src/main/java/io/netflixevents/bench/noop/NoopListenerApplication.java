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
 * {@code netflix.events.listener.*} properties and defaults, acknowledgement right after each message) and a handler
 * that does nothing. Started by the bench with {@code --spring.cloud.aws.endpoint=... --bench.queue=...}.
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
			@Value("${netflix.events.listener.max-messages-per-poll:10}") int maxMessagesPerPoll,
			@Value("${netflix.events.listener.poll-timeout:20s}") Duration pollTimeout,
			@Value("${netflix.events.listener.max-concurrent-messages:20}") int maxConcurrentMessages,
			@Value("${bench.batch-acknowledgements:false}") boolean batchAcknowledgements) {
		return SqsMessageListenerContainerFactory.builder()
			.sqsAsyncClient(sqs)
			.configure(options -> {
				options.maxMessagesPerPoll(maxMessagesPerPoll)
					.pollTimeout(pollTimeout)
					.maxConcurrentMessages(maxConcurrentMessages)
					.queueNotFoundStrategy(QueueNotFoundStrategy.FAIL);
				if (!batchAcknowledgements) {
					// as the services do (spring-cloud-aws#1634); true keeps Spring Cloud AWS's batching defaults
					options.acknowledgementInterval(Duration.ZERO).acknowledgementThreshold(0);
				}
			})
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
