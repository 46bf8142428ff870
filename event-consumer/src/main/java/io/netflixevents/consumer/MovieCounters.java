package io.netflixevents.consumer;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.netflixevents.event.MovieDetailsViewedEvent;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Per-movie counters within a scope (a time bucket, or all time), spread so that no item takes every view of a
 * popular movie, and one small ranked rollup per scope that answers "the top movies" in a single read.
 * <ul>
 * <li>{@code <name>#<movie>#<shard> / <scope>}: {@code n} (the sum of the amounts added), {@code last} (epoch
 * milliseconds of the view written last), {@code title}. An event adds to the shard its id picks, inside its
 * transaction, so the counters are exact and applied once.</li>
 * <li>{@code TOP#<name> / <scope>}: {@code movies}, at most {@code keep} entries {@code {m, n, l, t}} ranked by count
 * or by last view, and a {@code version}. Refreshed every {@code netflix.events.refresh.rollups} by
 * {@link #refresh()}: the instance reads the shards of the movies whose events it committed since its last refresh
 * and merges their totals in (counts only grow, so a stale read cannot lower an entry). The rollup lags the
 * counters by about one interval.</li>
 * </ul>
 */
public final class MovieCounters {

	/** Keeps a rollup under 8 KB whatever the titles. */
	private static final int ROLLUP_BYTES = 7_900;

	/** Events staged by {@link #add} and not yet committed, at most; failed ones are forgotten oldest first. */
	private static final int STAGED = 10_000;

	private static final int MERGE_ATTEMPTS = 5;

	/**
	 * How long {@link #top} answers from the rollup it read last: what a read API costs DynamoDB is then one read per
	 * scope and instance a second, however often it is called.
	 */
	private static final long CACHED_NANOS = Duration.ofSeconds(1).toNanos();

	public enum Ranking {

		/** Highest count first. */
		BY_COUNT(Comparator.comparing(Entry::count).reversed()),
		/** Latest view first. */
		BY_LAST_VIEW(Comparator.comparing(Entry::lastViewedAt).reversed());

		private final Comparator<Entry> order;

		Ranking(Comparator<Entry> order) {
			this.order = order.thenComparingLong(Entry::movieId);
		}

	}

	/** A movie's total in a scope. */
	public record Entry(long movieId, String title, BigDecimal count, Instant lastViewedAt) {

		Entry merge(Entry other) {
			return new Entry(movieId, title != null ? title : other.title,
					count.compareTo(other.count) >= 0 ? count : other.count,
					lastViewedAt.isAfter(other.lastViewedAt) ? lastViewedAt : other.lastViewedAt);
		}

	}

	private record Touch(String scope, long movieId, Instant expiresAt) {
	}

	private final ServiceTable table;

	private final String name;

	private final int shards;

	private final int keep;

	private final Ranking ranking;

	private final Map<UUID, List<Touch>> staged = new LinkedHashMap<>(16, 0.75f, false) {
		@Override
		protected boolean removeEldestEntry(Map.Entry<UUID, List<Touch>> eldest) {
			return size() > STAGED;
		}
	};

	private Map<String, Map<Long, Instant>> pending = new HashMap<>();

	private final Map<String, Cached> cache = new ConcurrentHashMap<>();

	private record Cached(List<Entry> entries, long readAt) {
	}

	/**
	 * @param name the items' prefix, e.g. {@code TREND}
	 * @param shards counter items per movie and scope: a movie with a tenth of all views at 10,000 events/s writes
	 * 2,000 WCU/s, so 8 shards keep each under 250
	 * @param keep the entries a rollup holds
	 */
	public MovieCounters(ServiceTable table, String name, int shards, int keep, Ranking ranking) {
		this.table = table;
		this.name = name;
		this.shards = shards;
		this.keep = keep;
		this.ranking = ranking;
	}

	/**
	 * The write that adds {@code amount} to the movie's counter in {@code scope}, for the event's transaction.
	 * @param expiresAt when DynamoDB may delete the counter (and the scope's rollup), or {@code null} for never
	 */
	public TransactWriteItem add(String scope, MovieDetailsViewedEvent event, BigDecimal amount, Instant viewedAt,
			Instant expiresAt) {
		Map<String, AttributeValue> values = new HashMap<>(
				Map.of(":amount", AttributeValue.fromN(amount.toPlainString()), ":last", Items.n(viewedAt.toEpochMilli())));
		String set = "SET #last = :last";
		if (event.movieTitle() != null) {
			values.put(":title", Items.s(event.movieTitle()));
			set += ", title = :title";
		}
		if (expiresAt != null) {
			values.put(":expires", Items.n(expiresAt.getEpochSecond()));
			set += ", expiresAt = :expires";
		}
		String expression = "ADD n :amount " + set;
		int shard = Math.floorMod(event.eventId().hashCode(), shards);
		synchronized (this) {
			staged.computeIfAbsent(event.eventId(), id -> new ArrayList<>())
				.add(new Touch(scope, event.movieId(), expiresAt));
		}
		return TransactWriteItem.builder()
			.update(update -> update.tableName(table.name())
				.key(Items.key(counterKey(event.movieId(), shard), scope))
				.updateExpression(expression)
				.expressionAttributeNames(Map.of("#last", "last"))
				.expressionAttributeValues(values))
			.build();
	}

	/** The event's writes are committed: its movies join the next refresh. */
	public synchronized void committed(MovieDetailsViewedEvent event) {
		List<Touch> touches = staged.remove(event.eventId());
		if (touches != null) {
			touches.forEach(touch -> pending.computeIfAbsent(touch.scope(), scope -> new HashMap<>())
				.merge(touch.movieId(), touch.expiresAt() == null ? Instant.MAX : touch.expiresAt(), MovieCounters::later));
		}
	}

	/**
	 * Merges the totals of the movies committed since the last refresh into their scopes' rollups; what fails is kept
	 * for the next refresh, and the first failure thrown once every scope was tried.
	 */
	public void refresh() {
		Map<String, Map<Long, Instant>> work;
		synchronized (this) {
			work = pending;
			pending = new HashMap<>();
		}
		RuntimeException failure = null;
		for (Map.Entry<String, Map<Long, Instant>> scope : work.entrySet()) {
			Map<Long, Instant> movies = scope.getValue();
			try {
				merge(scope.getKey(), totals(scope.getKey(), List.copyOf(movies.keySet())), latest(movies.values()));
			}
			catch (RuntimeException ex) {
				synchronized (this) {
					movies.forEach((movie, expiry) -> pending.computeIfAbsent(scope.getKey(), key -> new HashMap<>())
						.merge(movie, expiry, MovieCounters::later));
				}
				failure = failure == null ? ex : failure;
			}
		}
		if (failure != null) {
			throw failure;
		}
	}

	/** The scope's rollup: at most {@code keep} movies, ranked, read at most a second ago. */
	public List<Entry> top(String scope) {
		long now = System.nanoTime();
		Cached cached = cache.get(scope);
		if (cached == null || now - cached.readAt() > CACHED_NANOS) {
			cached = new Cached(decode(table.getEventually(rollupKey(), scope)), now);
			remember(scope, cached);
		}
		return cached.entries();
	}

	/** Caches a rollup, forgetting those of scopes no longer read (time buckets move on). */
	private void remember(String scope, Cached cached) {
		if (cache.size() > 64) {
			cache.values().removeIf(old -> cached.readAt() - old.readAt() > CACHED_NANOS);
		}
		cache.put(scope, cached);
	}

	private List<Entry> totals(String scope, List<Long> movies) {
		List<Map<String, AttributeValue>> keys = new ArrayList<>();
		for (long movie : movies) {
			for (int shard = 0; shard < shards; shard++) {
				keys.add(Items.key(counterKey(movie, shard), scope));
			}
		}
		Map<Long, Entry> totals = new HashMap<>();
		for (Map<String, AttributeValue> item : table.getAll(keys)) {
			String pk = Items.stringOf(item, Items.PK);
			long movie = Long.parseLong(pk.substring(name.length() + 1, pk.lastIndexOf('#')));
			Entry shard = new Entry(movie, Items.stringOf(item, "title"), new BigDecimal(item.get("n").n()),
					Instant.ofEpochMilli(Items.longOf(item, "last")));
			totals.merge(movie, shard, (a, b) -> new Entry(movie, a.title() != null ? a.title() : b.title(),
					a.count().add(b.count()), a.lastViewedAt().isAfter(b.lastViewedAt()) ? a.lastViewedAt() : b.lastViewedAt()));
		}
		return List.copyOf(totals.values());
	}

	private void merge(String scope, List<Entry> totals, Instant expiresAt) {
		for (int attempt = 1;; attempt++) {
			Map<String, AttributeValue> rollup = table.get(rollupKey(), scope);
			List<Entry> current = decode(rollup);
			Map<Long, Entry> merged = new HashMap<>();
			current.forEach(entry -> merged.put(entry.movieId(), entry));
			totals.forEach(entry -> merged.merge(entry.movieId(), entry, Entry::merge));
			List<Entry> ranked = trim(merged.values().stream().sorted(ranking.order).toList());
			if (ranked.equals(current)) {
				remember(scope, new Cached(current, System.nanoTime()));
				return;
			}
			long version = Items.longOf(rollup, "version");
			Map<String, AttributeValue> item = new HashMap<>(Items.key(rollupKey(), scope));
			item.put("movies", AttributeValue.fromL(ranked.stream().map(MovieCounters::encode).toList()));
			item.put("version", Items.n(version + 1));
			if (!Instant.MAX.equals(expiresAt)) {
				item.put("expiresAt", Items.n(expiresAt.getEpochSecond()));
			}
			try {
				table.client()
					.putItem(put -> put.tableName(table.name())
						.item(item)
						.conditionExpression("attribute_not_exists(version) OR version = :version")
						.expressionAttributeValues(Map.of(":version", Items.n(version))));
				remember(scope, new Cached(ranked, System.nanoTime()));
				return;
			}
			catch (ConditionalCheckFailedException ex) {
				if (attempt == MERGE_ATTEMPTS) {
					throw ex;
				}
			}
		}
	}

	/** The first {@code keep} entries that fit in {@value #ROLLUP_BYTES} bytes. */
	private List<Entry> trim(List<Entry> ranked) {
		List<Entry> kept = new ArrayList<>();
		int bytes = 80; // keys, version, expiry, the list itself
		for (Entry entry : ranked) {
			// an entry's map: 3 bytes, 4 names, 3 numbers of up to 20 digits, the title, 1 byte per element
			bytes += 3 + 4 + 3 * 11 + 4 + (entry.title() == null ? 0 : entry.title().getBytes(StandardCharsets.UTF_8).length);
			if (kept.size() == keep || bytes > ROLLUP_BYTES) {
				break;
			}
			kept.add(entry);
		}
		return kept;
	}

	private static AttributeValue encode(Entry entry) {
		Map<String, AttributeValue> map = new HashMap<>(Map.of("m", Items.n(entry.movieId()), "n",
				AttributeValue.fromN(entry.count().toPlainString()), "l", Items.n(entry.lastViewedAt().toEpochMilli())));
		if (entry.title() != null) {
			map.put("t", Items.s(entry.title()));
		}
		return AttributeValue.fromM(map);
	}

	private static List<Entry> decode(Map<String, AttributeValue> rollup) {
		AttributeValue movies = rollup.get("movies");
		if (movies == null) {
			return List.of();
		}
		return movies.l().stream().map(AttributeValue::m).map(map -> new Entry(Long.parseLong(map.get("m").n()),
				map.containsKey("t") ? map.get("t").s() : null, new BigDecimal(map.get("n").n()),
				Instant.ofEpochMilli(Long.parseLong(map.get("l").n())))).toList();
	}

	private static Instant latest(Iterable<Instant> instants) {
		Instant latest = Instant.MIN;
		for (Instant instant : instants) {
			latest = later(latest, instant);
		}
		return latest;
	}

	private static Instant later(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}

	private String counterKey(long movie, int shard) {
		return name + "#" + movie + "#" + shard;
	}

	private String rollupKey() {
		return "TOP#" + name;
	}

}
