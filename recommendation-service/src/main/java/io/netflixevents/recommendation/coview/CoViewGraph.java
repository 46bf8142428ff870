package io.netflixevents.recommendation.coview;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.netflixevents.consumer.MovieDetailsViewedHandler;
import io.netflixevents.event.MovieDetailsViewedEvent;
import org.springframework.stereotype.Component;

/**
 * Counts, for every pair of movies, how many times one user viewed both within their {@value #RECENT_MOVIES} most
 * recent distinct movies, and each movie's views. Recommends the movies most co-viewed with the user's recent ones
 * that the user has not viewed.
 */
@Component
class CoViewGraph implements MovieDetailsViewedHandler {

	static final int RECENT_MOVIES = 50;

	static final String CO_VIEWED = "co-viewed";

	static final String POPULAR = "popular";

	private final Map<String, Deque<Long>> recentByUser = new HashMap<>();

	private final Map<Long, Map<Long, Long>> coViews = new HashMap<>();

	private final Map<Long, Long> views = new HashMap<>();

	private final Map<Long, String> titles = new HashMap<>();

	@Override
	public synchronized void on(MovieDetailsViewedEvent event) {
		long movie = event.movieId();
		views.merge(movie, 1L, Long::sum);
		if (event.movieTitle() != null) {
			titles.put(movie, event.movieTitle());
		}
		Deque<Long> recent = recentByUser.computeIfAbsent(event.userId(), user -> new ArrayDeque<>());
		if (recent.remove(movie)) {
			recent.addFirst(movie);
			return;
		}
		for (long other : recent) {
			coViews.computeIfAbsent(movie, m -> new HashMap<>()).merge(other, 1L, Long::sum);
			coViews.computeIfAbsent(other, m -> new HashMap<>()).merge(movie, 1L, Long::sum);
		}
		recent.addFirst(movie);
		if (recent.size() > RECENT_MOVIES) {
			recent.removeLast();
		}
	}

	synchronized Recommendations recommendFor(String userId, int limit) {
		Set<Long> seen = new HashSet<>(recentByUser.getOrDefault(userId, new ArrayDeque<>()));
		Map<Long, Long> scores = new HashMap<>();
		for (long viewed : seen) {
			coViews.getOrDefault(viewed, Map.of()).forEach((other, count) -> {
				if (!seen.contains(other)) {
					scores.merge(other, count, Long::sum);
				}
			});
		}
		if (scores.isEmpty()) {
			views.forEach((movie, count) -> {
				if (!seen.contains(movie)) {
					scores.put(movie, count);
				}
			});
			return new Recommendations(userId, POPULAR, top(scores, limit));
		}
		return new Recommendations(userId, CO_VIEWED, top(scores, limit));
	}

	private List<ScoredMovie> top(Map<Long, Long> scores, int limit) {
		return scores.entrySet()
			.stream()
			.sorted(Map.Entry.<Long, Long>comparingByValue(Comparator.reverseOrder())
				.thenComparing(Map.Entry.comparingByKey()))
			.limit(limit)
			.map(entry -> new ScoredMovie(entry.getKey(), titles.get(entry.getKey()), entry.getValue()))
			.toList();
	}

}
