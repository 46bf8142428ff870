package io.netflixevents.frontend.ingest;

import java.time.Clock;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import io.netflixevents.event.EventJson;
import io.netflixevents.event.EventValidator;
import io.netflixevents.event.MovieDetailsViewedEvent;
import io.netflixevents.frontend.archive.EventArchive;
import io.netflixevents.frontend.publish.EventPublisher;
import io.netflixevents.frontend.publish.Publication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.awssdk.core.exception.SdkException;

import org.springframework.stereotype.Service;

/** Validate, archive, publish: in that order, stopping at the first step that fails. */
@Service
class EventIngestion {

	private static final Logger log = LoggerFactory.getLogger(EventIngestion.class);

	private final EventArchive archive;

	private final EventPublisher publisher;

	private final IngestMetrics metrics;

	private final Clock clock;

	EventIngestion(EventArchive archive, EventPublisher publisher, IngestMetrics metrics, Clock clock) {
		this.archive = archive;
		this.publisher = publisher;
		this.metrics = metrics;
		this.clock = clock;
	}

	IngestReceipt ingest(MovieDetailsViewedRequest request) {
		MovieDetailsViewedEvent event = EventValidator.requireValid(request.toEvent(clock.instant()));
		try (var eventId = MDC.putCloseable("eventId", event.eventId().toString())) {
			String json = EventJson.encode(event);
			String key = attempt(event, "storing the event in S3",
					() -> metrics.timeArchive(() -> archive.store(event, json)));
			Publication publication = attempt(event, "publishing the event",
					() -> metrics.timePublish(() -> publisher.publish(event, json)));
			metrics.accepted();
			log.info("Accepted event {} (user {}, movie {}): s3://{}, message {}", event.eventId(), event.userId(),
					event.movieId(), key, publication.messageId());
			return new IngestReceipt(event.eventId(), key, publication.messageId(), publication.publishedTo());
		}
	}

	private static <T> T attempt(MovieDetailsViewedEvent event, String step, Supplier<T> call) {
		try {
			return call.get();
		}
		catch (SdkException | CompletionException ex) {
			throw new AwsUnavailableException(event.eventId(), step, ex);
		}
	}

}
