package io.netflixevents.search.trending;

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
import static org.assertj.core.api.Assertions.within;

/** Trending scores, written and read against the emulator's DynamoDB at a fixed now. */
class TrendingMoviesTests {

	/** At the middle of a 10-minute bucket, so bucket weights are exact. */
	private static final Instant NOW = Instant.parse("2026-11-25T12:05:00Z");

	private static final DynamoDbClient dynamoDb = Tables.client(AwsEmulator.shared());

	private MovieCounters counters;

	private TrendingMovies trending;

	@BeforeEach
	void freshTable() {
		counters = new TrendingCounters()
			.trendingRollup(new ServiceTable(dynamoDb, Tables.createServiceTable(dynamoDb, "search-test")));
		trending = new TrendingMovies(counters, new TrendingProperties(Duration.ofHours(1)),
				Clock.fixed(NOW, ZoneOffset.UTC));
	}

	/** A view committed as the listener commits it, and the rollup refreshed as the service does every interval. */
	private void view(long movie, Duration ago) {
		var event = MovieDetailsViewedEvent.of(UUID.randomUUID(), NOW.minus(ago), "u", movie, "Movie " + movie, null,
				null, null);
		dynamoDb.transactWriteItems(request -> request.transactItems(trending.writesFor(event)));
		trending.committed(event);
		counters.refresh();
	}

	@Test
	void aViewCountsHalfAfterOneHalfLife() {
		view(1, Duration.ZERO);
		view(2, Duration.ofHours(1));

		assertThat(trending.top(10)).extracting(TrendingMovie::score)
			.satisfiesExactly(score -> assertThat(score).isCloseTo(1.0, within(1e-9)),
					score -> assertThat(score).isCloseTo(0.5, within(1e-9)));
		assertThat(trending.top(10).get(0).movieTitle()).isEqualTo("Movie 1");
	}

	@Test
	void ranksWhatIsViewedNowAboveWhatWasPopularHoursAgo() {
		for (int i = 0; i < 20; i++) {
			view(1, Duration.ofHours(6));
		}
		view(2, Duration.ofMinutes(1));

		assertThat(trending.top(10)).extracting(TrendingMovie::movieId).containsExactly(2L, 1L);
	}

	@Test
	void viewsFromTheFutureCountAsNow() {
		view(1, Duration.ofMinutes(-30));

		assertThat(trending.top(1).get(0).score()).isCloseTo(1.0, within(1e-9));
	}

	@Test
	void aViewCountsInTheTopOnlyOnceItsCommitIsKnown() {
		var event = MovieDetailsViewedEvent.of(UUID.randomUUID(), NOW, "u", 7, "Movie 7", null, null, null);
		dynamoDb.transactWriteItems(request -> request.transactItems(trending.writesFor(event)));
		counters.refresh();
		assertThat(trending.top(10)).isEmpty();

		trending.committed(event);
		counters.refresh();
		assertThat(trending.top(10)).extracting(TrendingMovie::movieId).containsExactly(7L);
	}

	@Test
	void viewsOfTheEpochBeforeStillCount() {
		view(1, Duration.ofHours(13)); // 2026-11-24T23:05, the epoch before
		view(2, Duration.ofHours(14));

		assertThat(trending.top(10)).extracting(TrendingMovie::movieId).containsExactly(1L, 2L);
		assertThat(trending.top(10).get(0).score()).isCloseTo(Math.pow(0.5, 13), within(1e-12));
	}

	@Test
	void limitsTheList() {
		view(1, Duration.ZERO);
		view(2, Duration.ZERO);
		view(3, Duration.ZERO);

		assertThat(trending.top(2)).hasSize(2);
	}

}
