package io.netflixevents.frontend.ingest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.netflixevents.event.MovieDetailsViewedEvent;

/**
 * What a client sends. {@code eventId} and {@code occurredAt} are optional: a client that retries sends the same
 * values again, so the retry rewrites the same S3 object and consumers see the same event id.
 */
record MovieDetailsViewedRequest(UUID eventId, Instant occurredAt, String userId, Long movieId, String movieTitle,
		List<String> genres, String sessionId, String device) {

	MovieDetailsViewedEvent toEvent(Instant now) {
		return new MovieDetailsViewedEvent(eventId != null ? eventId : UUID.randomUUID(), MovieDetailsViewedEvent.TYPE,
				MovieDetailsViewedEvent.SCHEMA_VERSION, occurredAt != null ? occurredAt : now, userId, movieId,
				movieTitle, genres, sessionId, device);
	}

}
