package io.netflixevents.frontend.archive;

import io.awspring.cloud.sqs.annotation.SqsListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netflixevents.event.EventJson;
import io.netflixevents.event.MovieDetailsViewedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * Makes the archive hold every event that was published. With the default concurrent ingest a publish can succeed
 * while its S3 put fails: the client gets 503, and one that never retries would leave an event every consumer
 * applies but S3 never holds. The archive therefore has its own queue subscribed to the topic, like a fifth
 * consumer, and this listener stores each event S3 lacks. The queue holds each message back (its DelaySeconds, in
 * infra/local/topology.sh and the template) for longer than an ingest's S3 put may take, so that the put has ended
 * and a HEAD finds the event: one HEAD per event, a PUT only for the missing. The message is deleted once the event
 * is stored; a failure brings it back with a growing delay ({@link ArchiveCompletionConfiguration}), and a message
 * that is no event goes to the queue's dead-letter queue after its receive count.
 */
@Component
@ConditionalOnBooleanProperty("netflix.events.archive-completion.enabled")
class ArchiveCompletion {

	private static final Logger log = LoggerFactory.getLogger(ArchiveCompletion.class);

	private final EventArchive archive;

	private final Counter completed;

	ArchiveCompletion(EventArchive archive, MeterRegistry registry) {
		this.archive = archive;
		this.completed = Counter.builder("netflix.events.archive.completed")
			.description("published events that the archive's own subscription stored because S3 lacked them")
			.register(registry);
	}

	@SqsListener(value = "${netflix.events.archive-completion.queue}",
			factory = ArchiveCompletionConfiguration.CONTAINER_FACTORY)
	void on(String body) {
		MovieDetailsViewedEvent event = EventJson.decode(body);
		try (var eventId = MDC.putCloseable("eventId", event.eventId().toString())) {
			if (archive.storeIfMissing(event, EventJson.encode(event))) {
				completed.increment();
				log.warn("Archived event {}, published but not stored by its ingest", event.eventId());
			}
		}
	}

}
