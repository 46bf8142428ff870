package io.netflixevents.consumer;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;

/** Starts listening as soon as the service declares its {@link MovieDetailsViewedHandler}. */
@AutoConfiguration
public class EventConsumerAutoConfiguration {

	@Bean
	@ConditionalOnBean(MovieDetailsViewedHandler.class)
	MovieDetailsViewedListener movieDetailsViewedListener(MovieDetailsViewedHandler handler) {
		return new MovieDetailsViewedListener(handler);
	}

}
