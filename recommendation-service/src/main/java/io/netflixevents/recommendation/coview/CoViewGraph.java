package io.netflixevents.recommendation.coview;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import io.netflixevents.consumer.Items;
import io.netflixevents.consumer.MovieCounters;
import io.netflixevents.consumer.MovieDetailsViewedHandler;
import io.netflixevents.consumer.ServiceTable;
import io.netflixevents.event.MovieDetailsViewedEvent;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * "Viewers of what you viewed also viewed": each user's views ({@code USER#<id> / VIEW#<when>#<movie>}, kept 30
 * days), each movie's recent viewers ({@code VIEWERS#<movie>#<shard> / <when>#<user>}, spread over
 * {@value #VIEWER_SHARDS} shards and kept a week) and each movie's views ({@link MovieCounters} {@code POPULAR}). A
 * view writes to the three in the event's transaction without reading anything first or any condition, so two
 * instances applying two views of one user at once never conflict. A user's recent movies are the distinct movies of
 * their latest {@value #RECENT_VIEWS} views. Recommends, among the movies the user has not viewed, those most often
 * among the recent movies of the latest viewers of the user's recent movies (up to {@value #VIEWERS_PER_MOVIE}
 * viewers a movie), or the most viewed ones while there are none.
 */
@Component
class CoViewGraph implements MovieDetailsViewedHandler {

	/**
	 * Bounds a recommendation's reads: with 40-character titles a view item is about 100 bytes, and the co-viewers'
	 * views, at most {@value #RECENT_VIEWS} &times; {@value #VIEWERS_PER_MOVIE} queries of {@value #RECENT_VIEWS}
	 * items, come to under 40 KB.
	 */
	static final int RECENT_VIEWS = 8;

	static final int VIEWERS_PER_MOVIE = 6;

	/** A movie with a tenth of all views at 10,000 events/s writes 500 WCU/s to each. */
	static final int VIEWER_SHARDS = 4;

	static final String CO_VIEWED = "co-viewed";

	static final String POPULAR = "popular";

	static final String ALL_TIME = "ALL";

	private static final String VIEW = "VIEW#";

	private static final Duration VIEWS_KEPT = Duration.ofDays(30);

	private static final Duration VIEWERS_KEPT = Duration.ofDays(7);

	private final ServiceTable table;

	private final MovieCounters popularity;

	private final Executor reads;

	/** @param reads runs a recommendation's queries side by side: Boot's application task executor */
	CoViewGraph(ServiceTable table, MovieCounters popularity, @Qualifier("applicationTaskExecutor") Executor reads) {
		this.table = table;
		this.popularity = popularity;
		this.reads = reads;
	}

	@Override
	public List<TransactWriteItem> writesFor(MovieDetailsViewedEvent event) {
		return List.of(recordView(event), recordViewer(event),
				popularity.add(ALL_TIME, event, BigDecimal.ONE, event.occurredAt(), null));
	}

	@Override
	public void committed(MovieDetailsViewedEvent event) {
		popularity.committed(event);
	}

	Recommendations recommendFor(String userId, int limit) {
		List<RecentMovie> recent = recentMovies(userId);
		CoViewScores scores = new CoViewScores(recent.stream().map(RecentMovie::movieId).toList());
		Set<String> coViewers = new LinkedHashSet<>();
		inParallel(recent, movie -> latestViewers(movie.movieId(), userId)).forEach(coViewers::addAll);
		inParallel(coViewers, this::recentMovies).forEach(scores::addCoViewer);
		if (!scores.isEmpty()) {
			return new Recommendations(userId, CO_VIEWED, scores.top(limit));
		}
		scores.addPopular(popularity.top(ALL_TIME));
		return new Recommendations(userId, POPULAR, scores.top(limit));
	}

	/** The distinct movies of the user's latest {@value #RECENT_VIEWS} views, the newest first. */
	private List<RecentMovie> recentMovies(String userId) {
		Map<Long, RecentMovie> movies = new LinkedHashMap<>();
		newest(RECENT_VIEWS, "pk = :pk AND begins_with(sk, :view)",
				Map.of(":pk", Items.s(userKey(userId)), ":view", Items.s(VIEW)))
			.stream()
			.map(RecentMovie::ofView)
			.forEach(movie -> movies.putIfAbsent(movie.movieId(), movie));
		return List.copyOf(movies.values());
	}

	/**
	 * Up to {@value #VIEWERS_PER_MOVIE} other users who viewed the movie lately: the newest of one shard, then of
	 * the next while too few, starting at a random one so that no shard takes every read.
	 */
	private Set<String> latestViewers(long movie, String userId) {
		Set<String> viewers = new LinkedHashSet<>();
		int first = ThreadLocalRandom.current().nextInt(VIEWER_SHARDS);
		for (int i = 0; i < VIEWER_SHARDS && viewers.size() < VIEWERS_PER_MOVIE; i++) {
			newest(VIEWERS_PER_MOVIE + 1, "pk = :pk", Map.of(":pk", Items.s(viewersKey(movie, (first + i) % VIEWER_SHARDS))))
				.stream()
				.map(item -> Items.stringOf(item, "userId"))
				.filter(viewer -> !viewer.equals(userId))
				.limit(VIEWERS_PER_MOVIE - viewers.size())
				.forEach(viewers::add);
		}
		return viewers;
	}

	/** The newest items of a key, eventually consistent: a view may lag its commit by a second. */
	private List<Map<String, AttributeValue>> newest(int limit, String keyCondition, Map<String, AttributeValue> values) {
		return table.client()
			.query(request -> request.tableName(table.name())
				.keyConditionExpression(keyCondition)
				.expressionAttributeValues(values)
				.scanIndexForward(false)
				.limit(limit))
			.items();
	}

	private <T, R> List<R> inParallel(Collection<T> inputs, Function<T, R> read) {
		List<CompletableFuture<R>> pending = inputs.stream()
			.map(input -> CompletableFuture.supplyAsync(() -> read.apply(input), reads))
			.toList();
		try {
			return pending.stream().map(CompletableFuture::join).toList();
		}
		catch (CompletionException ex) {
			throw ex.getCause() instanceof RuntimeException cause ? cause : ex;
		}
	}

	private TransactWriteItem recordView(MovieDetailsViewedEvent event) {
		Map<String, AttributeValue> item = new HashMap<>(Items.key(userKey(event.userId()),
				VIEW + Items.sortable(event.occurredAt()) + "#" + event.movieId()));
		if (event.movieTitle() != null) {
			item.put("title", Items.s(event.movieTitle()));
		}
		item.put("expiresAt", Items.n(event.occurredAt().plus(VIEWS_KEPT).getEpochSecond()));
		return TransactWriteItem.builder().put(put -> put.tableName(table.name()).item(item)).build();
	}

	private TransactWriteItem recordViewer(MovieDetailsViewedEvent event) {
		int shard = Math.floorMod(event.eventId().hashCode(), VIEWER_SHARDS);
		Map<String, AttributeValue> item = new HashMap<>(Items.key(viewersKey(event.movieId(), shard),
				Items.sortable(event.occurredAt()) + "#" + event.userId()));
		item.put("userId", Items.s(event.userId()));
		item.put("expiresAt", Items.n(event.occurredAt().plus(VIEWERS_KEPT).getEpochSecond()));
		return TransactWriteItem.builder().put(put -> put.tableName(table.name()).item(item)).build();
	}

	private static String userKey(String userId) {
		return "USER#" + userId;
	}

	private static String viewersKey(long movie, int shard) {
		return "VIEWERS#" + movie + "#" + shard;
	}

}
