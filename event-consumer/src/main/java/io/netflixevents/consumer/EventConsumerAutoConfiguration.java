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
	MovieDetailsViewedListener movieDetailsViewedListener(MovieDetailsViewedHandler handler, AppliedEventLog log,
			@Value("${netflix.events.remembered-event-ids:100000}") int rememberedEventIds) {
		return new MovieDetailsViewedListener(handler, new AppliedEvents(rememberedEventIds), log);
	}

	@Bean
	AppliedEventLog appliedEventLog(Clock clock) {
		return new AppliedEventLog(1000, clock);
	}

	@Bean
	AppliedEventsController appliedEventsController(AppliedEventLog log,
			@Value("${spring.application.name}") String service) {
		return new AppliedEventsController(log, service);
	}

	/** The time the services' views are computed against; tests replace it. */
	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

}
