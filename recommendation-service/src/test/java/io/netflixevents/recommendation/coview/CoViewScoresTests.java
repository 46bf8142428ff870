package io.netflixevents.recommendation.coview;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import io.netflixevents.consumer.MovieCounters;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Co-view scoring on its own, without a table. */
class CoViewScoresTests {

	private static List<RecentMovie> recent(long... movies) {
		return Arrays.stream(movies).mapToObj(movie -> new RecentMovie(movie, "Movie " + movie)).toList();
	}

	@Test
	void aMovieScoresOneForEachCoViewerWhoHasItAndWhatTheUserViewedIsLeftOut() {
		CoViewScores scores = new CoViewScores(List.of(1L));
		scores.addCoViewer(recent(1, 2, 3));
		scores.addCoViewer(recent(2, 1));
		scores.addCoViewer(recent(4, 2));

		assertThat(scores.top(10)).containsExactly(new ScoredMovie(2, "Movie 2", 3), new ScoredMovie(3, "Movie 3", 1),
				new ScoredMovie(4, "Movie 4", 1));
	}

	@Test
	void tiesGoToTheLowerMovieIdAndTheLimitCutsTheTail() {
		CoViewScores scores = new CoViewScores(List.of());
		scores.addCoViewer(recent(9, 5, 7));
		scores.addCoViewer(recent(7));

		assertThat(scores.top(2)).extracting(ScoredMovie::movieId).containsExactly(7L, 5L);
	}

	@Test
	void aCoViewerWhoViewedOnlyWhatTheUserViewedScoresNothing() {
		CoViewScores scores = new CoViewScores(List.of(1L, 2L));
		scores.addCoViewer(recent(2, 1));

		assertThat(scores.isEmpty()).isTrue();
		assertThat(scores.top(10)).isEmpty();
	}

	@Test
	void theFallbackScoresPopularMoviesByTheirViewsLeavingOutWhatTheUserViewed() {
		CoViewScores scores = new CoViewScores(List.of(8L));
		Instant now = Instant.now();
		scores.addPopular(List.of(new MovieCounters.Entry(8, "Eight", BigDecimal.valueOf(90), now),
				new MovieCounters.Entry(3, "Three", BigDecimal.valueOf(40), now),
				new MovieCounters.Entry(5, "Five", BigDecimal.valueOf(70), now)));

		assertThat(scores.top(10)).containsExactly(new ScoredMovie(5, "Five", 70), new ScoredMovie(3, "Three", 40));
	}

}
