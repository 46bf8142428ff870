package io.netflixevents.streaming.prefetch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import io.netflixevents.consumer.MovieCounters;
import io.netflixevents.consumer.ServiceTable;
import io.netflixevents.event.MovieDetailsViewedEvent;
import io.netflixevents.testsupport.AwsEmulator;
import io.netflixevents.testsupport.Tables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The prefetch plan, written and read against the emulator's DynamoDB at a fixed now. */
class PrefetchPlannerTests {

	private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

	private static final DynamoDbClient dynamoDb = Tables.client(AwsEmulator.shared());

	private MovieCounters counters;

	private PrefetchPlanner planner;

	@BeforeEach
	void freshTable() {
		var properties = new PrefetchProperties(Duration.ofMinutes(15), 2);
		counters = new PrefetchCounters().prefetchRollup(
				new ServiceTable(dynamoDb, Tables.createServiceTable(dynamoDb, "streaming-test")), properties);
		planner = new PrefetchPlanner(counters, properties, Clock.fixed(NOW, ZoneOffset.UTC));
	}

	/** A view committed as the listener commits it, and the rollups refreshed as the service does every interval. */
	private void view(long movie, Duration ago) {
		var event = MovieDetailsViewedEvent.of(UUID.randomUUID(), NOW.minus(ago), "u", movie, "Movie " + movie, null,
				null, null);
		dynamoDb.transactWriteItems(request -> request.transactItems(planner.writesFor(event)));
		planner.committed(event);
		counters.refresh();
	}

	@Test
	void listsRecentlyViewedMoviesMostRecentFirst() {
		view(1, Duration.ofMinutes(3));
		view(2, Duration.ofMinutes(1));

		assertThat(planner.plan()).extracting(PrefetchCandidate::movieId).containsExactly(2L, 1L);
	}

	@Test
	void countsRepeatedViewsInsideTheWindow() {
		view(1, Duration.ofMinutes(3));
		view(1, Duration.ofMinutes(2));

		assertThat(planner.plan()).singleElement().satisfies(candidate -> {
			assertThat(candidate.recentViews()).isEqualTo(2);
			assertThat(candidate.lastViewedAt()).isEqualTo(NOW.minus(Duration.ofMinutes(2)));
		});
	}

	@Test
	void leavesOutMoviesViewedBeforeTheWindow() {
		view(1, Duration.ofMinutes(20));
		view(2, Duration.ofMinutes(1));

		assertThat(planner.plan()).extracting(PrefetchCandidate::movieId).containsExactly(2L);
	}

	@Test
	void countsViewsOfOneMovieAcrossSlicesAndInOne() {
		view(1, Duration.ofMinutes(14));
		view(1, Duration.ofSeconds(30));
		view(1, Duration.ofSeconds(20));

		assertThat(planner.plan()).singleElement().satisfies(candidate -> {
			assertThat(candidate.recentViews()).isEqualTo(3);
			assertThat(candidate.lastViewedAt()).isEqualTo(NOW.minus(Duration.ofSeconds(20)));
			assertThat(candidate.movieTitle()).isEqualTo("Movie 1");
		});
	}

	@Test
	void holdsAtMostTheConfiguredNumberOfMovies() {
		view(1, Duration.ofMinutes(3));
		view(2, Duration.ofMinutes(2));
		view(3, Duration.ofMinutes(1));

		assertThat(planner.plan()).extracting(PrefetchCandidate::movieId).containsExactly(3L, 2L);
	}

}
