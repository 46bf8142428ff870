package io.netflixevents.streaming.prefetch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.netflixevents.consumer.Items;
import io.netflixevents.consumer.MovieDetailsViewedHandler;
import io.netflixevents.consumer.ServiceTable;
import io.netflixevents.event.MovieDetailsViewedEvent;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import org.springframework.stereotype.Component;

/**
 * Records each view under {@code VIEWS}, sorted by when it happened and expiring a day after it leaves the window;
 * plans the movies viewed inside the window, most recently viewed first.
 */
@Component
class PrefetchPlanner implements MovieDetailsViewedHandler {

	private static final String VIEWS = "VIEWS";

	private static final Duration KEPT_AFTER_WINDOW = Duration.ofDays(1);

	private final ServiceTable table;

	private final PrefetchProperties properties;

	private final Clock clock;

	PrefetchPlanner(ServiceTable table, PrefetchProperties properties, Clock clock) {
		this.table = table;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public List<TransactWriteItem> writesFor(MovieDetailsViewedEvent event) {
		Map<String, AttributeValue> item = new HashMap<>(
				Items.key(VIEWS, Items.sortable(event.occurredAt()) + "#" + event.eventId()));
		item.put("movieId", Items.n(event.movieId()));
		item.put("viewedAt", Items.s(event.occurredAt().toString()));
		item.put("expiresAt",
				Items.n(event.occurredAt().plus(properties.window()).plus(KEPT_AFTER_WINDOW).getEpochSecond()));
		if (event.movieTitle() != null) {
			item.put("movieTitle", Items.s(event.movieTitle()));
		}
		return List.of(TransactWriteItem.builder().put(put -> put.tableName(table.name()).item(item)).build());
	}

	List<PrefetchCandidate> plan() {
		Instant horizon = clock.instant().minus(properties.window());
		Map<Long, PrefetchCandidate> candidates = new HashMap<>();
		table.client()
			.queryPaginator(request -> request.tableName(table.name())
				.keyConditionExpression("pk = :views AND sk >= :horizon")
				.expressionAttributeValues(Map.of(":views", Items.s(VIEWS), ":horizon", Items.s(Items.sortable(horizon)))))
			.items()
			.forEach(item -> {
				long movie = Items.longOf(item, "movieId");
				PrefetchCandidate view = new PrefetchCandidate(movie, Items.stringOf(item, "movieTitle"),
						Instant.parse(Items.stringOf(item, "viewedAt")), 1);
				candidates.merge(movie, view, (known, fresh) -> known.viewedAgain(fresh.movieTitle(),
						fresh.lastViewedAt()));
			});
		return candidates.values()
			.stream()
			.sorted(Comparator.comparing(PrefetchCandidate::lastViewedAt).reversed())
			.limit(properties.maxMovies())
			.toList();
	}

}
