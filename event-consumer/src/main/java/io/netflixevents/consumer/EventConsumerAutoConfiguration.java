package io.netflixevents.consumer;

import java.time.Clock;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** Starts listening as soon as the service declares its {@link MovieDetailsViewedHandler}. */
@AutoConfiguration
@ConditionalOnBean(MovieDetailsViewedHandler.class)
public class EventConsumerAutoConfiguration {

	@Bean
	MovieDetailsViewedListener movieDetailsViewedListener(MovieDetailsViewedHandler handler,
			@Value("${netflix.events.remembered-event-ids:100000}") int rememberedEventIds) {
		return new MovieDetailsViewedListener(handler, new AppliedEvents(rememberedEventIds));
	}

	/** The time the services' views are computed against; tests replace it. */
	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

}
