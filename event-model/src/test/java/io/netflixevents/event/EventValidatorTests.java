package io.netflixevents.event;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventValidatorTests {

	private static MovieDetailsViewedEvent viewed(String userId, Long movieId, List<String> genres) {
		return new MovieDetailsViewedEvent(UUID.randomUUID(), MovieDetailsViewedEvent.TYPE, 1, Instant.now(), userId,
				movieId, null, genres, null, null);
	}

	private static List<String> fields(MovieDetailsViewedEvent event) {
		return EventValidator.violations(event).stream().map(Violation::field).toList();
	}

	@Test
	void acceptsAMinimalEvent() {
		assertThat(EventValidator.violations(viewed("u-1", 1L, null))).isEmpty();
	}

	@Test
	void requiresUserAndMovie() {
		assertThat(fields(viewed(" ", null, null))).containsExactly("userId", "movieId");
	}

	@Test
	void requiresAPositiveMovieId() {
		assertThat(fields(viewed("u", 0L, null))).containsExactly("movieId");
		assertThat(fields(viewed("u", -5L, null))).containsExactly("movieId");
	}

	@Test
	void requiresTheCurrentTypeAndSchemaVersion() {
		var event = new MovieDetailsViewedEvent(UUID.randomUUID(), "Other", 2, Instant.now(), "u", 1L, null, null,
				null, null);

		assertThat(fields(event)).containsExactly("eventType", "schemaVersion");
	}

	@Test
	void boundsTextFields() {
		var event = MovieDetailsViewedEvent.of(UUID.randomUUID(), Instant.now(), "u".repeat(129), 1,
				"t".repeat(513), Collections.nCopies(21, "Drama"), "s", "d");

		assertThat(fields(event)).containsExactly("userId", "movieTitle", "genres");
	}

	@Test
	void namesTheBlankGenre() {
		assertThat(fields(viewed("u", 1L, List.of("Drama", "")))).containsExactly("genres[1]");
	}

}
