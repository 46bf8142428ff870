package io.netflixevents.streaming.prefetch;

import java.math.BigDecimal;
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
 * Counts each movie's views per slice of a {@value #SLICES_PER_WINDOW}th of the window, by when they happened
 * ({@link MovieCounters}, ranked by last view); plans the movies viewed inside the window, most recently viewed
 * first, from the rollups of the slices the window covers. A movie's recent views are those of its slices in the
 * window (the oldest slice may reach up to a slice's length before it).
 */
@Component
class PrefetchPlanner implements MovieDetailsViewedHandler {

	/** A plan reads the rollups of six slices, at most 48 KB. */
	static final int SLICES_PER_WINDOW = 5;

	private static final Duration KEPT_AFTER_WINDOW = Duration.ofDays(1);

	private final MovieCounters counters;

	private final PrefetchProperties properties;

	private final TimeBuckets slices;

	private final Clock clock;

	PrefetchPlanner(MovieCounters counters, PrefetchProperties properties, Clock clock) {
		this.counters = counters;
		this.properties = properties;
		this.slices = new TimeBuckets("SLICE", properties.window().dividedBy(SLICES_PER_WINDOW));
		this.clock = clock;
	}

	@Override
	public List<TransactWriteItem> writesFor(MovieDetailsViewedEvent event) {
		long index = slices.indexOf(event.occurredAt());
		Instant expires = slices.startOf(index + 1).plus(properties.window()).plus(KEPT_AFTER_WINDOW);
		return List.of(counters.add(slices.scopeOf(index), event, BigDecimal.ONE, event.occurredAt(), expires));
	}

	@Override
	public void committed(MovieDetailsViewedEvent event) {
		counters.committed(event);
	}

	List<PrefetchCandidate> plan() {
		Instant now = clock.instant();
		Instant horizon = now.minus(properties.window());
		Map<Long, PrefetchCandidate> candidates = new HashMap<>();
		for (long index = slices.indexOf(horizon); index <= slices.indexOf(now); index++) {
			for (MovieCounters.Entry entry : counters.top(slices.scopeOf(index))) {
				if (entry.lastViewedAt().isBefore(horizon)) {
					continue;
				}
				PrefetchCandidate candidate = new PrefetchCandidate(entry.movieId(), entry.title(), entry.lastViewedAt(),
						entry.count().intValue());
				candidates.merge(entry.movieId(), candidate, PrefetchCandidate::plus);
			}
		}
		return candidates.values()
			.stream()
			.sorted(Comparator.comparing(PrefetchCandidate::lastViewedAt).reversed())
			.limit(properties.maxMovies())
			.toList();
	}

}
