package io.netflixevents.search.trending;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.netflixevents.consumer.MovieDetailsViewedHandler;
import io.netflixevents.event.MovieDetailsViewedEvent;
import org.springframework.stereotype.Component;

/** Each movie's time-decayed view count; views count from when they happened, not when they arrived. */
@Component
class TrendingMovies implements MovieDetailsViewedHandler {

	private final Map<Long, DecayingCount> counts = new ConcurrentHashMap<>();

	private final Map<Long, String> titles = new ConcurrentHashMap<>();

	private final TrendingProperties properties;

	private final Clock clock;

	TrendingMovies(TrendingProperties properties, Clock clock) {
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public void on(MovieDetailsViewedEvent event) {
		Instant viewedAt = event.occurredAt().isAfter(clock.instant()) ? clock.instant() : event.occurredAt();
		counts.compute(event.movieId(),
				(movie, count) -> (count == null ? new DecayingCount(0, viewedAt) : count)
					.plusOneAt(viewedAt, properties.halfLife()));
		if (event.movieTitle() != null) {
			titles.put(event.movieId(), event.movieTitle());
		}
	}

	List<TrendingMovie> top(int limit) {
		Instant now = clock.instant();
		return counts.entrySet()
			.stream()
			.map(entry -> new TrendingMovie(entry.getKey(), titles.get(entry.getKey()),
					entry.getValue().valueAt(now, properties.halfLife())))
			.sorted(Comparator.comparingDouble(TrendingMovie::score).reversed()
				.thenComparingLong(TrendingMovie::movieId))
			.limit(limit)
			.toList();
	}

}
