package io.netflixevents.recommendation.coview;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.netflixevents.consumer.Items;
import io.netflixevents.consumer.MovieCounters;
import io.netflixevents.consumer.ServiceTable;
import io.netflixevents.event.MovieDetailsViewedEvent;
import io.netflixevents.testsupport.AwsEmulator;
import io.netflixevents.testsupport.Tables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;

/** The co-view graph's writes and reads against the emulator's DynamoDB. */
class CoViewGraphTests {

	private static final DynamoDbClient dynamoDb = Tables.client(AwsEmulator.shared());

	private MovieCounters popularity;

	private CoViewGraph graph;

	private ServiceTable table;

	private final ExecutorService reads = Executors.newFixedThreadPool(4);

	/** Every view a millisecond after the one before, so that "the latest views" are the ones made last. */
	private Instant clock = Instant.now();

	@BeforeEach
	void freshTable() {
		table = new ServiceTable(dynamoDb, Tables.createServiceTable(dynamoDb, "recommendation-test"));
		popularity = new PopularityCounters().popularityRollup(table);
		graph = new CoViewGraph(table, popularity, reads);
	}

	@AfterEach
	void stopReads() {
		reads.shutdownNow();
	}

	private MovieDetailsViewedEvent viewed(String user, long movie) {
		return viewed(user, movie, "Movie " + movie);
	}

	private MovieDetailsViewedEvent viewed(String user, long movie, String title) {
		clock = clock.plusMillis(1);
		return MovieDetailsViewedEvent.of(UUID.randomUUID(), clock, user, movie, title, null, null, null);
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
	void twoViewsOfOneUserPreparedAtOnceBothCount() {
		var first = graph.writesFor(viewed("alice", 2));
		var second = graph.writesFor(viewed("alice", 3));
		dynamoDb.transactWriteItems(request -> request.transactItems(first));
		dynamoDb.transactWriteItems(request -> request.transactItems(second));
		view("bob", 2);

		assertThat(graph.recommendFor("bob", 10).movies()).extracting(ScoredMovie::movieId).containsExactly(3L);
	}

	@Test
	void aViewIsOneSmallItemWhateverTheTitle() {
		String longTitle = "映画".repeat(256); // 512 characters, the longest title an event may carry: 1,536 bytes
		view("kenji", 1);
		var event = viewed("kenji", 2, longTitle);
		dynamoDb.transactWriteItems(request -> request.transactItems(graph.writesFor(event)));

		List<Map<String, AttributeValue>> views = dynamoDb.query(request -> request.tableName(table.name())
			.keyConditionExpression("pk = :user")
			.expressionAttributeValues(Map.of(":user", Items.s("USER#kenji")))).items();
		assertThat(views).hasSize(2).allSatisfy(item -> assertThat(bytes(item)).isLessThan(2_000));
		view("yuki", 1);
		assertThat(graph.recommendFor("yuki", 10).movies()).singleElement()
			.satisfies(movie -> assertThat(movie.movieTitle()).isEqualTo(longTitle));
	}

	@Test
	void aCoViewerCountsOnlyTheirLatestViews() {
		long last = CoViewGraph.RECENT_VIEWS + 5;
		for (long movie = 1; movie <= last; movie++) {
			view("alice", movie);
		}
		view("alice", 100);
		view("bob", 100);

		// alice's latest views but the one bob viewed too: 100 and the movies before it
		assertThat(graph.recommendFor("bob", 50).movies()).extracting(ScoredMovie::movieId)
			.hasSize(CoViewGraph.RECENT_VIEWS - 1)
			.allSatisfy(movie -> assertThat(movie).isBetween(last - CoViewGraph.RECENT_VIEWS + 2, last));
	}

	/** An item's size as DynamoDB counts it: names and string values in UTF-8, numbers by their digits. */
	private static int bytes(Map<String, AttributeValue> item) {
		return item.entrySet()
			.stream()
			.mapToInt(attribute -> attribute.getKey().getBytes(StandardCharsets.UTF_8).length
					+ (attribute.getValue().s() != null ? attribute.getValue().s().getBytes(StandardCharsets.UTF_8).length
							: attribute.getValue().n().length()))
			.sum();
	}

}
