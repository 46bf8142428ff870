package io.netflixevents.bench.noop;

import java.util.Map;

import io.awspring.cloud.sqs.annotation.SqsListener;
import io.netflixevents.consumer.EventListenerConfiguration;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Component;

/**
 * Listens on {@code netflix.events.queue} in the consumer services' own listener container
 * ({@link EventListenerConfiguration}, with their shared settings from {@code netflix-events-consumer.yml}) and a
 * handler that does nothing, so that the benchmark measures the container the services run in. Started by the bench
 * with the services' environment and {@code --netflix.events.queue=...}.
 */
@SpringBootApplication
@Import(EventListenerConfiguration.class)
public class NoopListenerApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(NoopListenerApplication.class);
		application.setDefaultProperties(Map.of("spring.main.web-application-type", "none",
				"spring.application.name", "noop-listener",
				"spring.config.import", "classpath:netflix-events-consumer.yml"));
		application.run(args);
	}

	@Component
	static class NoopListener {

		@SqsListener(value = "${netflix.events.queue}", factory = EventListenerConfiguration.CONTAINER_FACTORY)
		void on(String body) {
			// nothing: this row measures the listener container, not the work
		}

	}

}
