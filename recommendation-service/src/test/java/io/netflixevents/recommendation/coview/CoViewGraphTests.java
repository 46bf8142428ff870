package io.netflixevents.recommendation.coview;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import io.netflixevents.consumer.Items;
import io.netflixevents.consumer.MovieCounters;
import io.netflixevents.consumer.ServiceTable;
import io.netflixevents.event.MovieDetailsViewedEvent;
import io.netflixevents.testsupport.AwsEmulator;
import io.netflixevents.testsupport.Tables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The co-view graph's writes and reads against the emulator's DynamoDB. */
class CoViewGraphTests {

	private static final DynamoDbClient dynamoDb = Tables.client(AwsEmulator.shared());

	private MovieCounters popularity;

	private CoViewGraph graph;

	private ServiceTable table;

	@BeforeEach
	void freshTable() {
		table = new ServiceTable(dynamoDb, Tables.createServiceTable(dynamoDb, "recommendation-test"));
		popularity = new PopularityCounters().popularityRollup(table);
		graph = new CoViewGraph(table, popularity);
	}

	private static MovieDetailsViewedEvent viewed(String user, long movie) {
		return MovieDetailsViewedEvent.of(UUID.randomUUID(), Instant.now(), user, movie, "Movie " + movie, null, null,
				null);
	}

	private void view(String user, long... movies) {
		for (long movie : movies) {
			var event = viewed(user, movie);
			var writes = graph.writesFor(event);
			dynamoDb.transactWriteItems(request -> request.transactItems(writes));
			graph.committed(event);
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
		assertThat(recommendations.movies().get(0).movieTitle()).isEqualTo("Movie 2");
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
	void drawsOnTheLatestFewViewersOfEachMovie() {
		for (int i = 0; i < 3 * CoViewGraph.VIEWERS_PER_MOVIE; i++) {
			view("viewer-" + i, 1, 100 + i);
		}
		view("dave", 1);

		assertThat(graph.recommendFor("dave", 50).movies()).hasSize(CoViewGraph.VIEWERS_PER_MOVIE)
			.allSatisfy(movie -> assertThat(movie.score()).isEqualTo(1L));
	}

	@Test
	void fallsBackToPopularMoviesForANewUser() {
		view("alice", 5, 6);
		view("bob", 6);

		popularity.refresh();
		Recommendations recommendations = graph.recommendFor("newcomer", 10);

		assertThat(recommendations.basis()).isEqualTo(CoViewGraph.POPULAR);
		assertThat(recommendations.movies()).extracting(ScoredMovie::movieId).containsExactly(6L, 5L);
	}

	@Test
	void aViewPreparedOnStaleReadsIsRefused() {
		view("alice", 1);
		var stale = graph.writesFor(viewed("alice", 2));
		view("alice", 3);

		assertThatExceptionOfType(TransactionCanceledException.class)
			.isThrownBy(() -> dynamoDb.transactWriteItems(request -> request.transactItems(stale)));
	}

	@Test
	void aUsersRecentMoviesStayUnder8KilobytesWhateverTheTitles() {
		String longTitle = "映画".repeat(255); // with the movie's number up to 512 characters, over 1,500 bytes in UTF-8
		for (long movie = 1; movie <= CoViewGraph.RECENT_MOVIES; movie++) {
			var event = MovieDetailsViewedEvent.of(UUID.randomUUID(), Instant.now(), "kenji", movie, longTitle + movie,
					null, null, null);
			dynamoDb.transactWriteItems(request -> request.transactItems(graph.writesFor(event)));
		}

		var movies = dynamoDb.getItem(request -> request.tableName(table.name())
			.key(Items.key("USER#kenji", "RECENT"))).item().get("movies").l();
		int titleBytes = movies.stream().mapToInt(movie -> movie.m().get("t").s().getBytes(StandardCharsets.UTF_8).length).sum();
		assertThat(titleBytes).isLessThan(CoViewGraph.RECENT_BYTES);
		assertThat(movies).hasSizeBetween(2, CoViewGraph.RECENT_MOVIES - 1); // the oldest left out
		assertThat(movies.get(0).m().get("m").n()).isEqualTo(Long.toString(CoViewGraph.RECENT_MOVIES)); // the newest first
	}

	@Test
	void aViewFitsInOneTransactionWhenTheUserHasManyRecentMovies() {
		for (long movie = 1; movie <= CoViewGraph.RECENT_MOVIES + 5; movie++) {
			view("alice", movie);
		}

		assertThat(graph.writesFor(viewed("alice", 100))).hasSizeLessThanOrEqualTo(23);
		view("alice", 100);
		view("bob", 100);
		// alice's recent movies but the one bob viewed too
		assertThat(graph.recommendFor("bob", 50).movies()).hasSize(CoViewGraph.RECENT_MOVIES - 1);
	}

}
