package io.netflixevents.consumer;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.netflixevents.event.MovieDetailsViewedEvent;

/**
 * What a consumer did with the events on its queue, as Micrometer meters tagged with the queue (the service comes
 * from the common {@code service} tag): applied, duplicates absorbed, failures, dead-lettered, processing time and
 * end-to-end lag (applied minus {@code occurredAt}).
 */
class ConsumerMetrics {

	private final Counter applied;

	private final Counter duplicates;

	private final Counter failures;

	private final Counter deadLettered;

	private final Timer processing;

	private final Timer lag;

	private final Clock clock;

	ConsumerMetrics(MeterRegistry registry, String queue, Clock clock) {
		Tags tags = Tags.of("queue", queue);
		this.applied = registry.counter("netflix.events.applied", tags);
		this.duplicates = registry.counter("netflix.events.duplicates", tags);
		this.failures = registry.counter("netflix.events.failures", tags);
		this.deadLettered = registry.counter("netflix.events.dead.lettered", tags);
		this.processing = Timer.builder("netflix.events.processing")
			.description("time from receiving a message to committing its event")
			.tags(tags)
			.publishPercentileHistogram()
			.register(registry);
		this.lag = Timer.builder("netflix.events.lag")
			.description("time from the event's occurredAt to its commit in this service")
			.tags(tags)
			.publishPercentileHistogram()
			.register(registry);
		this.clock = clock;
	}

	void applied(MovieDetailsViewedEvent event, long startedNanos) {
		applied.increment();
		processing.record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
		lag.record(Duration.between(event.occurredAt(), clock.instant()));
	}

	void duplicate() {
		duplicates.increment();
	}

	void failed() {
		failures.increment();
	}

	void deadLettered() {
		deadLettered.increment();
	}

}
