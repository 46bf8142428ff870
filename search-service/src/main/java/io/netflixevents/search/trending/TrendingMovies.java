package io.netflixevents.search.trending;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import io.netflixevents.consumer.Items;
import io.netflixevents.consumer.MovieDetailsViewedHandler;
import io.netflixevents.consumer.ServiceTable;
import io.netflixevents.event.MovieDetailsViewedEvent;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import org.springframework.stereotype.Component;

/**
 * Each movie's time-decayed view count. Views are counted in time buckets of a sixth of the half-life, one item per
 * bucket ({@code BUCKET#<n>}, an {@code ADD} per view, so instances never overwrite each other); a bucket's views
 * weigh {@code 0.5^(age / halfLife)}, and the last {@value #BUCKETS} buckets (twelve half-lives) are read. Views
 * count from when they happened, not when they arrived.
 */
@Component
class TrendingMovies implements MovieDetailsViewedHandler {

	static final int BUCKETS_PER_HALF_LIFE = 6;

	static final int BUCKETS = 12 * BUCKETS_PER_HALF_LIFE;

	private static final String VIEWS = "views_";

	private static final String TITLE = "title_";

	private final ServiceTable table;

	private final Duration halfLife;

	private final Duration bucket;

	private final Clock clock;

	TrendingMovies(ServiceTable table, TrendingProperties properties, Clock clock) {
		this.table = table;
		this.halfLife = properties.halfLife();
		this.bucket = halfLife.dividedBy(BUCKETS_PER_HALF_LIFE);
		this.clock = clock;
	}

	@Override
	public List<TransactWriteItem> writesFor(MovieDetailsViewedEvent event) {
		Instant now = clock.instant();
		long index = bucketOf(event.occurredAt().isAfter(now) ? now : event.occurredAt());
		Map<String, String> names = new HashMap<>(Map.of("#views", VIEWS + event.movieId()));
		Map<String, AttributeValue> values = new HashMap<>(Map.of(":one", Items.n(1), ":expires",
				Items.n(startOf(index + BUCKETS + 1).getEpochSecond())));
		String set = "expiresAt = :expires";
		if (event.movieTitle() != null) {
			names.put("#title", TITLE + event.movieId());
			values.put(":title", Items.s(event.movieTitle()));
			set += ", #title = :title";
		}
		String update = "ADD #views :one SET " + set;
		return List.of(TransactWriteItem.builder()
			.update(u -> u.tableName(table.name())
				.key(Items.key("BUCKET#" + index, "COUNTS"))
				.updateExpression(update)
				.expressionAttributeNames(names)
				.expressionAttributeValues(values))
			.build());
	}

	List<TrendingMovie> top(int limit) {
		Instant now = clock.instant();
		long current = bucketOf(now);
		List<Map<String, AttributeValue>> keys = LongStream.rangeClosed(current - BUCKETS + 1, current)
			.mapToObj(index -> Items.key("BUCKET#" + index, "COUNTS"))
			.toList();
		Map<Long, Double> scores = new HashMap<>();
		Map<Long, String> titles = new HashMap<>();
		for (Map<String, AttributeValue> item : table.getAll(keys)) {
			long index = Long.parseLong(Items.stringOf(item, Items.PK).substring("BUCKET#".length()));
			double weight = weightAt(index, now);
			item.forEach((attribute, value) -> {
				if (attribute.startsWith(VIEWS)) {
					scores.merge(Long.parseLong(attribute.substring(VIEWS.length())), weight * Long.parseLong(value.n()),
							Double::sum);
				}
				else if (attribute.startsWith(TITLE)) {
					titles.put(Long.parseLong(attribute.substring(TITLE.length())), value.s());
				}
			});
		}
		return scores.entrySet()
			.stream()
			.map(entry -> new TrendingMovie(entry.getKey(), titles.get(entry.getKey()), entry.getValue()))
			.sorted(Comparator.comparingDouble(TrendingMovie::score).reversed().thenComparingLong(TrendingMovie::movieId))
			.limit(limit)
			.toList();
	}

	private long bucketOf(Instant instant) {
		return Math.floorDiv(instant.toEpochMilli(), bucket.toMillis());
	}

	private Instant startOf(long index) {
		return Instant.ofEpochMilli(index * bucket.toMillis());
	}

	/** The weight of a bucket's views now: by the age of the bucket's middle. */
	private double weightAt(long index, Instant now) {
		long middle = startOf(index).toEpochMilli() + bucket.toMillis() / 2;
		double age = Math.max(0, now.toEpochMilli() - middle);
		return Math.pow(0.5, age / halfLife.toMillis());
	}

}
