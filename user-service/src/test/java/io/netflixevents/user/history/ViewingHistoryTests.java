package io.netflixevents.user.history;

import java.time.Instant;
import java.util.UUID;

import io.netflixevents.event.MovieDetailsViewedEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ViewingHistoryTests {

	private final ViewingHistory history = new ViewingHistory();

	private static MovieDetailsViewedEvent viewed(String user, long movie, int minute) {
		return MovieDetailsViewedEvent.of(UUID.randomUUID(), Instant.parse("2026-11-25T10:00:00Z").plusSeconds(60L * minute),
				user, movie, "Movie " + movie, null, null, null);
	}

	@Test
	void listsViewsNewestFirstEvenWhenTheyArriveOutOfOrder() {
		history.on(viewed("alice", 1, 1));
		history.on(viewed("alice", 3, 3));
		history.on(viewed("alice", 2, 2));

		assertThat(history.of("alice")).extracting(ViewedMovie::movieId).containsExactly(3L, 2L, 1L);
	}

	@Test
	void keepsEachUserApart() {
		history.on(viewed("alice", 1, 1));
		history.on(viewed("bob", 2, 2));

		assertThat(history.of("alice")).extracting(ViewedMovie::movieId).containsExactly(1L);
		assertThat(history.of("nobody")).isEmpty();
	}

	@Test
	void keepsTheLastHundredViews() {
		for (int minute = 0; minute < 150; minute++) {
			history.on(viewed("alice", minute + 1, minute));
		}

		assertThat(history.of("alice")).hasSize(ViewingHistory.KEPT_VIEWS)
			.first()
			.extracting(ViewedMovie::movieId)
			.isEqualTo(150L);
		assertThat(history.of("alice")).last().extracting(ViewedMovie::movieId).isEqualTo(51L);
	}

}
