package io.netflixevents.recommendation.coview;

import java.time.Instant;
import java.util.UUID;

import io.netflixevents.event.MovieDetailsViewedEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CoViewGraphTests {

	private final CoViewGraph graph = new CoViewGraph();

	private void view(String user, long... movies) {
		for (long movie : movies) {
			graph.on(MovieDetailsViewedEvent.of(UUID.randomUUID(), Instant.now(), user, movie, "Movie " + movie, null,
					null, null));
		}
	}

	@Test
	void recommendsWhatViewersOfTheSameMoviesAlsoViewed() {
		view("alice", 1, 2, 3);
		view("bob", 1, 2);
		view("carol", 1, 4);
		view("dave", 1);

		Recommendations recommendations = graph.recommendFor("dave", 10);

		assertThat(recommendations.basis()).isEqualTo(CoViewGraph.CO_VIEWED);
		assertThat(recommendations.movies()).extracting(ScoredMovie::movieId).containsExactly(2L, 3L, 4L);
		assertThat(recommendations.movies()).extracting(ScoredMovie::score).containsExactly(2L, 1L, 1L);
	}

	@Test
	void neverRecommendsWhatTheUserAlreadyViewed() {
		view("alice", 1, 2, 3);
		view("bob", 1, 2);

		assertThat(graph.recommendFor("bob", 10).movies()).extracting(ScoredMovie::movieId).containsExactly(3L);
	}

	@Test
	void aRepeatedViewDoesNotInflateCoViews() {
		view("alice", 1, 2, 1, 2, 1);
		view("bob", 1);

		assertThat(graph.recommendFor("bob", 10).movies()).singleElement()
			.satisfies(movie -> assertThat(movie.score()).isEqualTo(1L));
	}

	@Test
	void fallsBackToPopularMoviesForANewUser() {
		view("alice", 5, 6);
		view("bob", 6);

		Recommendations recommendations = graph.recommendFor("newcomer", 10);

		assertThat(recommendations.basis()).isEqualTo(CoViewGraph.POPULAR);
		assertThat(recommendations.movies()).extracting(ScoredMovie::movieId).containsExactly(6L, 5L);
		assertThat(recommendations.movies().get(0).movieTitle()).isEqualTo("Movie 6");
	}

}
