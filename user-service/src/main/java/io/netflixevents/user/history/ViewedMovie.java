package io.netflixevents.user.history;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.netflixevents.event.MovieDetailsViewedEvent;

/** One entry of a user's history. */
record ViewedMovie(long movieId, String movieTitle, List<String> genres, Instant viewedAt, UUID eventId) {

	static ViewedMovie of(MovieDetailsViewedEvent event) {
		return new ViewedMovie(event.movieId(), event.movieTitle(), event.genres(), event.occurredAt(),
				event.eventId());
	}

}
