package io.netflixevents.streaming.prefetch;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.netflixevents.consumer.MovieDetailsViewedHandler;
import io.netflixevents.event.MovieDetailsViewedEvent;
import org.springframework.stereotype.Component;

/** Keeps the movies viewed inside the window; serves them most recently viewed first. */
@Component
class PrefetchPlanner implements MovieDetailsViewedHandler {

	private final Map<Long, PrefetchCandidate> candidates = new ConcurrentHashMap<>();

	private final PrefetchProperties properties;

	private final Clock clock;

	PrefetchPlanner(PrefetchProperties properties, Clock clock) {
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public void on(MovieDetailsViewedEvent event) {
		candidates.merge(event.movieId(),
				new PrefetchCandidate(event.movieId(), event.movieTitle(), event.occurredAt(), 1),
				(known, fresh) -> known.viewedAgain(fresh.movieTitle(), fresh.lastViewedAt()));
		Instant horizon = horizon();
		candidates.values().removeIf(candidate -> candidate.lastViewedAt().isBefore(horizon));
	}

	List<PrefetchCandidate> plan() {
		Instant horizon = horizon();
		return candidates.values()
			.stream()
			.filter(candidate -> !candidate.lastViewedAt().isBefore(horizon))
			.sorted(Comparator.comparing(PrefetchCandidate::lastViewedAt).reversed())
			.limit(properties.maxMovies())
			.toList();
	}

	private Instant horizon() {
		return clock.instant().minus(properties.window());
	}

}
