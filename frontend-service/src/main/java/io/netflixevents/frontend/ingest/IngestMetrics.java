package io.netflixevents.frontend.ingest;

import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * Events accepted and rejected (by reason: {@code invalid}, {@code too_large}, {@code unavailable}), and the time
 * spent storing in S3 and publishing, separately.
 */
@Component
class IngestMetrics {

	private final MeterRegistry registry;

	private final Timer archive;

	private final Timer publish;

	IngestMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.archive = Timer.builder("netflix.events.archive")
			.description("time to store an event in S3")
			.publishPercentileHistogram()
			.register(registry);
		this.publish = Timer.builder("netflix.events.publish")
			.description("time to publish an event to SNS or SQS")
			.publishPercentileHistogram()
			.register(registry);
	}

	<T> T timeArchive(Supplier<T> call) {
		return archive.record(call);
	}

	<T> T timePublish(Supplier<T> call) {
		return publish.record(call);
	}

	void accepted() {
		registry.counter("netflix.events.accepted").increment();
	}

	void rejected(String reason) {
		registry.counter("netflix.events.rejected", "reason", reason).increment();
	}

}
