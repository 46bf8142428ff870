package io.netflixevents.user.history;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.netflixevents.consumer.Items;
import io.netflixevents.consumer.MovieDetailsViewedHandler;
import io.netflixevents.consumer.ServiceTable;
import io.netflixevents.event.MovieDetailsViewedEvent;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import org.springframework.stereotype.Component;

/**
 * Every user's views, one item per view under {@code USER#<userId>}, sorted by when the view happened (events may
 * arrive out of order); read newest first, the last {@value #KEPT_VIEWS}.
 */
@Component
class ViewingHistory implements MovieDetailsViewedHandler {

	static final int KEPT_VIEWS = 100;

	private final ServiceTable table;

	ViewingHistory(ServiceTable table) {
		this.table = table;
	}

	@Override
	public List<TransactWriteItem> writesFor(MovieDetailsViewedEvent event) {
		Map<String, AttributeValue> item = new HashMap<>(
				Items.key(userKey(event.userId()), "VIEW#" + Items.sortable(event.occurredAt()) + "#" + event.eventId()));
		item.put("movieId", Items.n(event.movieId()));
		item.put("viewedAt", Items.s(event.occurredAt().toString()));
		item.put("eventId", Items.s(event.eventId().toString()));
		if (event.movieTitle() != null) {
			item.put("movieTitle", Items.s(event.movieTitle()));
		}
		if (!event.genres().isEmpty()) {
			item.put("genres", AttributeValue.fromL(event.genres().stream().map(Items::s).toList()));
		}
		return List.of(TransactWriteItem.builder().put(put -> put.tableName(table.name()).item(item)).build());
	}

	List<ViewedMovie> of(String userId) {
		return table.client()
			.query(request -> request.tableName(table.name())
				.keyConditionExpression("pk = :user AND begins_with(sk, :view)")
				.expressionAttributeValues(Map.of(":user", Items.s(userKey(userId)), ":view", Items.s("VIEW#")))
				.scanIndexForward(false)
				.limit(KEPT_VIEWS))
			.items()
			.stream()
			.map(ViewingHistory::toViewedMovie)
			.toList();
	}

	private static String userKey(String userId) {
		return "USER#" + userId;
	}

	private static ViewedMovie toViewedMovie(Map<String, AttributeValue> item) {
		List<String> genres = item.containsKey("genres") ? item.get("genres").l().stream().map(AttributeValue::s).toList()
				: List.of();
		return new ViewedMovie(Items.longOf(item, "movieId"), Items.stringOf(item, "movieTitle"), genres,
				Instant.parse(Items.stringOf(item, "viewedAt")), UUID.fromString(Items.stringOf(item, "eventId")));
	}

}
