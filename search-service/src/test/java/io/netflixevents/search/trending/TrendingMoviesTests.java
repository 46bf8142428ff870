package io.netflixevents.search.trending;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import io.netflixevents.event.MovieDetailsViewedEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TrendingMoviesTests {

	private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

	private final TrendingMovies trending = new TrendingMovies(new TrendingProperties(Duration.ofHours(1)),
			Clock.fixed(NOW, ZoneOffset.UTC));

	private void view(long movie, Duration ago) {
		trending.on(MovieDetailsViewedEvent.of(UUID.randomUUID(), NOW.minus(ago), "u", movie, "Movie " + movie, null,
				null, null));
	}

	@Test
	void aViewCountsHalfAfterOneHalfLife() {
		view(1, Duration.ZERO);
		view(2, Duration.ofHours(1));

		assertThat(trending.top(10)).extracting(TrendingMovie::score)
			.satisfiesExactly(score -> assertThat(score).isCloseTo(1.0, within(1e-9)),
					score -> assertThat(score).isCloseTo(0.5, within(1e-9)));
	}

	@Test
	void ranksWhatIsViewedNowAboveWhatWasPopularYesterday() {
		for (int i = 0; i < 20; i++) {
			view(1, Duration.ofHours(24));
		}
		view(2, Duration.ofMinutes(5));

		assertThat(trending.top(10)).extracting(TrendingMovie::movieId).containsExactly(2L, 1L);
	}

	@Test
	void viewsArrivingOutOfOrderAddUpTheSame() {
		view(1, Duration.ofMinutes(10));
		view(1, Duration.ofMinutes(90));
		view(2, Duration.ofMinutes(90));
		view(2, Duration.ofMinutes(10));

		var top = trending.top(2);
		assertThat(top.get(0).score()).isCloseTo(top.get(1).score(), within(1e-9));
	}

	@Test
	void limitsTheList() {
		view(1, Duration.ZERO);
		view(2, Duration.ZERO);
		view(3, Duration.ZERO);

		assertThat(trending.top(2)).hasSize(2);
	}

}
