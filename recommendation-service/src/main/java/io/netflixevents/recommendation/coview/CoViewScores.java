package io.netflixevents.recommendation.coview;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.netflixevents.consumer.MovieCounters;

/**
 * The scoring behind a recommendation, apart from the reads that feed it: a movie scores one for each co-viewer who
 * has it among their recent movies, or, while nobody does, its views of all time; what the user viewed is left out,
 * and the highest scores come first (the lower movie id first on a tie).
 */
final class CoViewScores {

	private final Set<Long> seen;

	private final Map<Long, Long> scores = new HashMap<>();

	private final Map<Long, String> titles = new HashMap<>();

	CoViewScores(Collection<Long> seen) {
		this.seen = Set.copyOf(seen);
	}

	/** One co-viewer's recent movies. */
	void addCoViewer(List<RecentMovie> recent) {
		for (RecentMovie movie : recent) {
			if (!seen.contains(movie.movieId())) {
				scores.merge(movie.movieId(), 1L, Long::sum);
				titles.putIfAbsent(movie.movieId(), movie.title());
			}
		}
	}

	boolean isEmpty() {
		return scores.isEmpty();
	}

	/** The fallback: the most viewed movies, each scored by its views. */
	void addPopular(List<MovieCounters.Entry> popular) {
		for (MovieCounters.Entry entry : popular) {
			if (!seen.contains(entry.movieId())) {
				scores.put(entry.movieId(), entry.count().longValue());
				titles.put(entry.movieId(), entry.title());
			}
		}
	}

	List<ScoredMovie> top(int limit) {
		return scores.entrySet()
			.stream()
			.sorted(Map.Entry.<Long, Long>comparingByValue(Comparator.reverseOrder())
				.thenComparing(Map.Entry.comparingByKey()))
			.limit(limit)
			.map(entry -> new ScoredMovie(entry.getKey(), titles.get(entry.getKey()), entry.getValue()))
			.toList();
	}

}
