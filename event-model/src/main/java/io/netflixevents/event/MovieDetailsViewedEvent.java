package io.netflixevents.event;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A user opened the details pane of a movie. Immutable; optional fields may be {@code null}.
 * <p>
 * {@code schemaVersion} and {@code movieId} are boxed so that a message missing them decodes and is then
 * rejected by {@link EventValidator} with the field's name, instead of silently becoming zero.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record MovieDetailsViewedEvent(
		UUID eventId,
		String eventType,
		Integer schemaVersion,
		Instant occurredAt,
		String userId,
		Long movieId,
		String movieTitle,
		List<String> genres,
		String sessionId,
		String device) {

	public static final String TYPE = "MovieDetailsViewed";

	public static final int SCHEMA_VERSION = 1;

	public MovieDetailsViewedEvent {
		genres = genres == null ? List.of() : List.copyOf(genres);
	}

	/** A new event of the current type and schema version. */
	public static MovieDetailsViewedEvent of(UUID eventId, Instant occurredAt, String userId, long movieId,
			String movieTitle, List<String> genres, String sessionId, String device) {
		return new MovieDetailsViewedEvent(eventId, TYPE, SCHEMA_VERSION, occurredAt, userId, movieId, movieTitle,
				genres, sessionId, device);
	}

}
