package io.netflixevents.recommendation.coview;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import io.netflixevents.consumer.Items;
import io.netflixevents.consumer.MovieCounters;
import io.netflixevents.consumer.MovieDetailsViewedHandler;
import io.netflixevents.consumer.ServiceTable;
import io.netflixevents.event.MovieDetailsViewedEvent;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import org.springframework.stereotype.Component;

/**
 * "Viewers of what you viewed also viewed": each user's {@value #RECENT_MOVIES} most recent distinct movies
 * ({@code USER#<id> / RECENT}, with a version), each movie's recent viewers ({@code VIEWERS#<movie>#<shard> /
 * <when>#<user>}, spread over {@value #VIEWER_SHARDS} shards and kept a week) and each movie's views
 * ({@link MovieCounters} {@code POPULAR}). A view updates them in one transaction, conditioned on the user's version,
 * so two instances applying two views of one user at once cannot lose one. Recommends, among the movies the user has
 * not viewed, those most often in the recent movies of the latest viewers of the user's recent movies (up to
 * {@value #VIEWERS_PER_MOVIE} viewers a movie), or the most viewed ones while there are none.
 */
@Component
class CoViewGraph implements MovieDetailsViewedHandler {

	static final int RECENT_MOVIES = 10;

	/**
	 * Keeps a user's {@code RECENT} under 8 KB whatever the titles (one may be 512 characters, up to 2 KB): the
	 * oldest movies are left out while the item would be larger.
	 */
	static final int RECENT_BYTES = 7_900;

	static final int VIEWERS_PER_MOVIE = 6;

	/** A movie with a tenth of all views at 10,000 events/s writes 500 WCU/s to each. */
	static final int VIEWER_SHARDS = 4;

	static final String CO_VIEWED = "co-viewed";

	static final String POPULAR = "popular";

	static final String ALL_TIME = "ALL";

	private static final Duration VIEWERS_KEPT = Duration.ofDays(7);

	private final ServiceTable table;

	private final MovieCounters popularity;

	CoViewGraph(ServiceTable table, MovieCounters popularity) {
		this.table = table;
		this.popularity = popularity;
	}

	@Override
	public List<TransactWriteItem> writesFor(MovieDetailsViewedEvent event) {
		Map<String, AttributeValue> user = table.get(userKey(event.userId()), "RECENT");
		List<RecentMovie> updated = new ArrayList<>();
		updated.add(new RecentMovie(event.movieId(), event.movieTitle()));
		recentMovies(user).stream()
			.filter(movie -> movie.movieId() != event.movieId())
			.limit(RECENT_MOVIES - 1)
			.forEach(updated::add);
		return List.of(saveRecent(event.userId(), fitting(updated), Items.longOf(user, "version")), recordViewer(event),
				popularity.add(ALL_TIME, event, BigDecimal.ONE, event.occurredAt(), null));
	}

	@Override
	public void committed(MovieDetailsViewedEvent event) {
		popularity.committed(event);
	}

	Recommendations recommendFor(String userId, int limit) {
		List<RecentMovie> recent = recentMovies(table.get(userKey(userId), "RECENT"));
		CoViewScores scores = new CoViewScores(recent.stream().map(RecentMovie::movieId).toList());
		Set<String> coViewers = new LinkedHashSet<>();
		recent.forEach(movie -> coViewers.addAll(latestViewers(movie.movieId(), userId)));
		List<Map<String, AttributeValue>> keys = coViewers.stream().map(viewer -> Items.key(userKey(viewer), "RECENT")).toList();
		table.getAll(keys).forEach(item -> scores.addCoViewer(recentMovies(item)));
		if (!scores.isEmpty()) {
			return new Recommendations(userId, CO_VIEWED, scores.top(limit));
		}
		scores.addPopular(popularity.top(ALL_TIME));
		return new Recommendations(userId, POPULAR, scores.top(limit));
	}

	/**
	 * Up to {@value #VIEWERS_PER_MOVIE} other users who viewed the movie lately: the newest of one shard, then of
	 * the next while too few, starting at a random one so that no shard takes every read.
	 */
	private Set<String> latestViewers(long movie, String userId) {
		Set<String> viewers = new LinkedHashSet<>();
		int first = ThreadLocalRandom.current().nextInt(VIEWER_SHARDS);
		for (int i = 0; i < VIEWER_SHARDS && viewers.size() < VIEWERS_PER_MOVIE; i++) {
			String pk = viewersKey(movie, (first + i) % VIEWER_SHARDS);
			table.client()
				.query(request -> request.tableName(table.name())
					.keyConditionExpression("pk = :viewers")
					.expressionAttributeValues(Map.of(":viewers", Items.s(pk)))
					.scanIndexForward(false)
					.limit(VIEWERS_PER_MOVIE + 1))
				.items()
				.stream()
				.map(item -> Items.stringOf(item, "userId"))
				.filter(viewer -> !viewer.equals(userId))
				.limit(VIEWERS_PER_MOVIE - viewers.size())
				.forEach(viewers::add);
		}
		return viewers;
	}

	private TransactWriteItem saveRecent(String userId, List<RecentMovie> movies, long version) {
		return TransactWriteItem.builder()
			.update(update -> update.tableName(table.name())
				.key(Items.key(userKey(userId), "RECENT"))
				.updateExpression("SET movies = :movies, version = :next")
				.conditionExpression("attribute_not_exists(version) OR version = :version")
				.expressionAttributeValues(Map.of(":movies", AttributeValue.fromL(movies.stream().map(RecentMovie::encode).toList()),
						":next", Items.n(version + 1), ":version", Items.n(version))))
			.build();
	}

	/** The newest movies whose item fits in {@value #RECENT_BYTES} bytes; the newest one always. */
	private static List<RecentMovie> fitting(List<RecentMovie> newestFirst) {
		List<RecentMovie> kept = new ArrayList<>();
		int bytes = 200; // the keys (a user id of up to 128 bytes), the version and the attribute names
		for (RecentMovie movie : newestFirst) {
			bytes += movie.itemBytes();
			if (!kept.isEmpty() && bytes > RECENT_BYTES) {
				break;
			}
			kept.add(movie);
		}
		return kept;
	}

	private TransactWriteItem recordViewer(MovieDetailsViewedEvent event) {
		int shard = Math.floorMod(event.eventId().hashCode(), VIEWER_SHARDS);
		Map<String, AttributeValue> item = new HashMap<>(Items.key(viewersKey(event.movieId(), shard),
				Items.sortable(event.occurredAt()) + "#" + event.userId()));
		item.put("userId", Items.s(event.userId()));
		item.put("expiresAt", Items.n(event.occurredAt().plus(VIEWERS_KEPT).getEpochSecond()));
		return TransactWriteItem.builder().put(put -> put.tableName(table.name()).item(item)).build();
	}

	private static List<RecentMovie> recentMovies(Map<String, AttributeValue> user) {
		AttributeValue movies = user.get("movies");
		return movies == null ? List.of() : movies.l().stream().map(RecentMovie::decode).toList();
	}

	private static String userKey(String userId) {
		return "USER#" + userId;
	}

	private static String viewersKey(long movie, int shard) {
		return "VIEWERS#" + movie + "#" + shard;
	}

}
