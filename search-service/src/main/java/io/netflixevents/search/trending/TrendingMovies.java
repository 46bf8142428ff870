package io.netflixevents.search.trending;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.netflixevents.consumer.MovieCounters;
import io.netflixevents.consumer.MovieDetailsViewedHandler;
import io.netflixevents.consumer.TimeBuckets;
import io.netflixevents.event.MovieDetailsViewedEvent;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import org.springframework.stereotype.Component;

/**
 * Each movie's time-decayed view count: a view at {@code t} weighs {@code 0.5^((now - t) / halfLife)}. Since every
 * weight decays by the same factor, a movie's score is kept as {@code sum(2^((t - start) / halfLife))} over its views
 * in an epoch of {@value #HALF_LIVES_PER_EPOCH} half-lives that starts at {@code start}, times
 * {@code 2^(-(now - start) / halfLife)} when read; within an epoch the ranking only changes when views arrive, so a
 * ranked rollup of the epoch ({@link MovieCounters}) answers the top in one read. The current and the previous
 * epoch are read (the one before weighs under {@code 2^-24}). Views count from when they happened, not when they
 * arrived, and views from the future count as now.
 */
@Component
class TrendingMovies implements MovieDetailsViewedHandler {

	static final int HALF_LIVES_PER_EPOCH = 24;

	/** A weight's significant digits: sums of a billion views stay within DynamoDB's 38. */
	private static final MathContext WEIGHT_DIGITS = new MathContext(15);

	private final MovieCounters counters;

	private final Duration halfLife;

	private final TimeBuckets epochs;

	private final Clock clock;

	TrendingMovies(MovieCounters counters, TrendingProperties properties, Clock clock) {
		this.counters = counters;
		this.halfLife = properties.halfLife();
		this.epochs = new TimeBuckets("EPOCH", halfLife.multipliedBy(HALF_LIVES_PER_EPOCH));
		this.clock = clock;
	}

	@Override
	public List<TransactWriteItem> writesFor(MovieDetailsViewedEvent event) {
		Instant now = clock.instant();
		Instant viewed = event.occurredAt().isAfter(now) ? now : event.occurredAt();
		long index = epochs.indexOf(viewed);
		BigDecimal weight = BigDecimal.valueOf(Math.pow(2, halfLives(epochs.startOf(index), viewed))).round(WEIGHT_DIGITS);
		return List.of(counters.add(epochs.scopeOf(index), event, weight, viewed, epochs.startOf(index + 2)));
	}

	@Override
	public void committed(MovieDetailsViewedEvent event) {
		counters.committed(event);
	}

	List<TrendingMovie> top(int limit) {
		Instant now = clock.instant();
		long current = epochs.indexOf(now);
		Map<Long, TrendingMovie> scores = new HashMap<>();
		for (long index = current - 1; index <= current; index++) {
			double decay = Math.pow(0.5, halfLives(epochs.startOf(index), now));
			for (MovieCounters.Entry entry : counters.top(epochs.scopeOf(index))) {
				TrendingMovie movie = new TrendingMovie(entry.movieId(), entry.title(), entry.count().doubleValue() * decay);
				scores.merge(movie.movieId(), movie, (a, b) -> new TrendingMovie(a.movieId(),
						b.movieTitle() != null ? b.movieTitle() : a.movieTitle(), a.score() + b.score()));
			}
		}
		return scores.values()
			.stream()
			.sorted(Comparator.comparingDouble(TrendingMovie::score).reversed().thenComparingLong(TrendingMovie::movieId))
			.limit(limit)
			.toList();
	}

	private double halfLives(Instant from, Instant to) {
		return (double) (to.toEpochMilli() - from.toEpochMilli()) / halfLife.toMillis();
	}

}
