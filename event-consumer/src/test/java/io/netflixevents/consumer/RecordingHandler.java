package io.netflixevents.consumer;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.netflixevents.event.MovieDetailsViewedEvent;
import org.slf4j.MDC;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * A handler that remembers every call, fails a chosen event a chosen number of times, and counts each event in the
 * table with {@code ADD applications 1}, so that an event applied twice would show as 2.
 */
class RecordingHandler implements MovieDetailsViewedHandler {

	private final List<MovieDetailsViewedEvent> handled = new CopyOnWriteArrayList<>();

	private final Map<UUID, List<Long>> attempts = new ConcurrentHashMap<>();

	private final Map<UUID, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();

	private final Map<UUID, String> traceIds = new ConcurrentHashMap<>();

	private final ServiceTable table;

	RecordingHandler(ServiceTable table) {
		this.table = table;
	}

	void failTimes(UUID eventId, int times) {
		failuresLeft.put(eventId, new AtomicInteger(times));
	}

	@Override
	public List<TransactWriteItem> writesFor(MovieDetailsViewedEvent event) {
		attempts.computeIfAbsent(event.eventId(), id -> new CopyOnWriteArrayList<>()).add(System.nanoTime());
		String traceId = MDC.get("traceId");
		if (traceId != null) {
			traceIds.put(event.eventId(), traceId);
		}
		AtomicInteger left = failuresLeft.get(event.eventId());
		if (left != null && left.getAndDecrement() > 0) {
			throw new IllegalStateException("failing " + event.eventId() + " on purpose");
		}
		handled.add(event);
		return List.of(TransactWriteItem.builder()
			.update(update -> update.tableName(table.name())
				.key(Items.key("SEEN#" + event.eventId(), "COUNT"))
				.updateExpression("ADD applications :one")
				.expressionAttributeValues(Map.of(":one", Items.n(1))))
			.build());
	}

	/** How often the event's writes were committed. */
	long applications(UUID eventId) {
		return Items.longOf(table.get("SEEN#" + eventId, "COUNT"), "applications");
	}

	/** The trace the handler ran in, as logging sees it. */
	String traceIdOf(UUID eventId) {
		return traceIds.get(eventId);
	}

	List<MovieDetailsViewedEvent> handled() {
		return handled;
	}

	int attempts(UUID eventId) {
		return attemptTimes(eventId).size();
	}

	/** When each attempt started, in {@link System#nanoTime()}. */
	List<Long> attemptTimes(UUID eventId) {
		return attempts.getOrDefault(eventId, List.of());
	}

}
