package io.netflixevents.search.trending;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import io.netflixevents.consumer.ServiceTable;
import io.netflixevents.event.MovieDetailsViewedEvent;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.Update;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The weight a view adds to its movie's counter, {@code 2^(half-lives since its epoch began)}, read off the write
 * itself: pure arithmetic, no emulator ({@link TrendingMoviesTests} reads the scores back from one).
 */
class TrendingWeightsTests {

	private static final Duration HALF_LIFE = Duration.ofHours(1);

	/** The start of an epoch of 24 half-lives. */
	private static final Instant EPOCH = Instant.ofEpochMilli(Math.multiplyExact(20_000L,
			HALF_LIFE.multipliedBy(TrendingMovies.HALF_LIVES_PER_EPOCH).toMillis()));

	private final Clock clock = Clock.fixed(EPOCH.plus(Duration.ofHours(6)), ZoneOffset.UTC);

	private final TrendingMovies trending = new TrendingMovies(
			new TrendingCounters().trendingRollup(new ServiceTable(null, "search-weights")),
			new TrendingProperties(HALF_LIFE), clock);

	@Test
	void aViewWeighsTwiceAsMuchForEveryHalfLifeSinceItsEpochBegan() {
		assertThat(weightOf(EPOCH)).isEqualByComparingTo("1");
		assertThat(weightOf(EPOCH.plus(HALF_LIFE))).isEqualByComparingTo("2");
		assertThat(weightOf(EPOCH.plus(HALF_LIFE.multipliedBy(5)))).isEqualByComparingTo("32");
		assertThat(weightOf(EPOCH.plus(HALF_LIFE.dividedBy(2)))).isEqualByComparingTo("1.41421356237310");
	}

	@Test
	void aViewFromTheFutureCountsAsNowAndInNowsEpoch() {
		Instant tomorrow = clock.instant().plus(Duration.ofDays(1));

		assertThat(weightOf(tomorrow)).isEqualByComparingTo(weightOf(clock.instant())).isEqualByComparingTo("64");
		assertThat(write(tomorrow).key().get("sk").s()).isEqualTo(write(clock.instant()).key().get("sk").s());
	}

	private BigDecimal weightOf(Instant viewed) {
		return new BigDecimal(write(viewed).expressionAttributeValues().get(":amount").n());
	}

	private Update write(Instant viewed) {
		var event = MovieDetailsViewedEvent.of(UUID.randomUUID(), viewed, "u", 7, "Heat", null, null, null);
		return trending.writesFor(event).get(0).update();
	}

}
