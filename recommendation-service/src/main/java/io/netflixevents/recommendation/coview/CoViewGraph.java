package io.netflixevents.recommendation.coview;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.netflixevents.consumer.Items;
import io.netflixevents.consumer.MovieDetailsViewedHandler;
import io.netflixevents.consumer.ServiceTable;
import io.netflixevents.event.MovieDetailsViewedEvent;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import org.springframework.stereotype.Component;

/**
 * Counts, for every pair of movies, how many users viewed both within their {@value #RECENT_MOVIES} most recent
 * distinct movies, and each movie's views. Items: {@code USER#<id>} (the user's recent movies, newest first, and a
 * version), {@code MOVIE#<id>} ({@code co_<other>} counts and the title) and {@code POPULAR} ({@code views_<id>}).
 * A view updates them in one transaction, conditioned on the user's version, so two instances applying two views of
 * one user at once cannot lose one. Recommends the movies most co-viewed with the user's recent ones that the user
 * has not viewed, or the most viewed ones while there are none.
 */
@Component
class CoViewGraph implements MovieDetailsViewedHandler {

	/**
	 * A view writes the user, the movie, each of the user's recent movies and the popularity item, with the
	 * listener's two: 20 keeps that within the 25 items of a transaction on every emulator.
	 */
	static final int RECENT_MOVIES = 20;

	static final String CO_VIEWED = "co-viewed";

	static final String POPULAR = "popular";

	private static final String POPULAR_PK = "POPULAR";

	private static final String CO = "co_";

	private static final String VIEWS = "views_";

	private final ServiceTable table;

	CoViewGraph(ServiceTable table) {
		this.table = table;
	}

	@Override
	public List<TransactWriteItem> writesFor(MovieDetailsViewedEvent event) {
		long movie = event.movieId();
		Map<String, AttributeValue> user = table.get(userKey(event.userId()), "RECENT");
		List<Long> recent = recentMovies(user);
		long version = Items.longOf(user, "version");
		List<TransactWriteItem> writes = new ArrayList<>();
		if (!recent.contains(movie) && !recent.isEmpty()) {
			writes.add(addCoViews(movie, recent));
			for (long other : recent) {
				writes.add(addCoViews(other, List.of(movie)));
			}
		}
		List<Long> updated = new ArrayList<>(recent);
		updated.remove(movie);
		updated.add(0, movie);
		writes.add(0, saveRecent(event.userId(), updated.subList(0, Math.min(updated.size(), RECENT_MOVIES)), version));
		writes.add(countView(movie, event.movieTitle()));
		return writes;
	}

	Recommendations recommendFor(String userId, int limit) {
		List<Long> recent = recentMovies(table.get(userKey(userId), "RECENT"));
		Set<Long> seen = new HashSet<>(recent);
		Map<Long, Long> scores = new HashMap<>();
		Map<Long, String> titles = new HashMap<>();
		if (!recent.isEmpty()) {
			for (Map<String, AttributeValue> item : table
				.getAll(recent.stream().map(movie -> Items.key(movieKey(movie), "COVIEWS")).toList())) {
				counts(item, CO).forEach((other, count) -> {
					if (!seen.contains(other)) {
						scores.merge(other, count, Long::sum);
					}
				});
			}
		}
		Map<String, AttributeValue> popular = table.get(POPULAR_PK, "VIEWS");
		popular.forEach((attribute, value) -> {
			if (attribute.startsWith("title_")) {
				titles.put(Long.parseLong(attribute.substring("title_".length())), value.s());
			}
		});
		String basis = CO_VIEWED;
		if (scores.isEmpty()) {
			basis = POPULAR;
			counts(popular, VIEWS).forEach((movie, count) -> {
				if (!seen.contains(movie)) {
					scores.put(movie, count);
				}
			});
		}
		List<ScoredMovie> movies = scores.entrySet()
			.stream()
			.sorted(Map.Entry.<Long, Long>comparingByValue(Comparator.reverseOrder())
				.thenComparing(Map.Entry.comparingByKey()))
			.limit(limit)
			.map(entry -> new ScoredMovie(entry.getKey(), titles.get(entry.getKey()), entry.getValue()))
			.toList();
		return new Recommendations(userId, basis, movies);
	}

	private TransactWriteItem saveRecent(String userId, List<Long> movies, long version) {
		return TransactWriteItem.builder()
			.update(update -> update.tableName(table.name())
				.key(Items.key(userKey(userId), "RECENT"))
				.updateExpression("SET movies = :movies, version = :next")
				.conditionExpression("attribute_not_exists(version) OR version = :version")
				.expressionAttributeValues(Map.of(":movies", AttributeValue.fromL(movies.stream().map(Items::n).toList()),
						":next", Items.n(version + 1), ":version", Items.n(version))))
			.build();
	}

	/** {@code co_<other> += 1} on the movie's item, for each of the others. */
	private TransactWriteItem addCoViews(long movie, List<Long> others) {
		Map<String, String> names = new HashMap<>();
		for (int i = 0; i < others.size(); i++) {
			names.put("#co" + i, CO + others.get(i));
		}
		String expression = "ADD " + String.join(", ", names.keySet().stream().map(name -> name + " :one").toList());
		return TransactWriteItem.builder()
			.update(update -> update.tableName(table.name())
				.key(Items.key(movieKey(movie), "COVIEWS"))
				.updateExpression(expression)
				.expressionAttributeNames(names)
				.expressionAttributeValues(Map.of(":one", Items.n(1))))
			.build();
	}

	private TransactWriteItem countView(long movie, String title) {
		Map<String, String> names = new HashMap<>(Map.of("#views", VIEWS + movie));
		Map<String, AttributeValue> values = new HashMap<>(Map.of(":one", Items.n(1)));
		String update = "ADD #views :one";
		if (title != null) {
			names.put("#title", "title_" + movie);
			values.put(":title", Items.s(title));
			update += " SET #title = :title";
		}
		String expression = update;
		return TransactWriteItem.builder()
			.update(u -> u.tableName(table.name())
				.key(Items.key(POPULAR_PK, "VIEWS"))
				.updateExpression(expression)
				.expressionAttributeNames(names)
				.expressionAttributeValues(values))
			.build();
	}

	private static List<Long> recentMovies(Map<String, AttributeValue> user) {
		AttributeValue movies = user.get("movies");
		return movies == null ? List.of() : movies.l().stream().map(value -> Long.parseLong(value.n())).toList();
	}

	private static Map<Long, Long> counts(Map<String, AttributeValue> item, String prefix) {
		Map<Long, Long> counts = new HashMap<>();
		item.forEach((attribute, value) -> {
			if (attribute.startsWith(prefix)) {
				counts.put(Long.parseLong(attribute.substring(prefix.length())), Long.parseLong(value.n()));
			}
		});
		return counts;
	}

	private static String userKey(String userId) {
		return "USER#" + userId;
	}

	private static String movieKey(long movie) {
		return "MOVIE#" + movie;
	}

}
