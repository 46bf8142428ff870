package io.netflixevents.consumer;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.netflixevents.event.MovieDetailsViewedEvent;

/** A handler that remembers every call and fails a chosen event a chosen number of times. */
class RecordingHandler implements MovieDetailsViewedHandler {

	private final List<MovieDetailsViewedEvent> handled = new CopyOnWriteArrayList<>();

	private final Map<UUID, AtomicInteger> attempts = new ConcurrentHashMap<>();

	private final Map<UUID, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();

	void failTimes(UUID eventId, int times) {
		failuresLeft.put(eventId, new AtomicInteger(times));
	}

	@Override
	public void on(MovieDetailsViewedEvent event) {
		attempts.computeIfAbsent(event.eventId(), id -> new AtomicInteger()).incrementAndGet();
		AtomicInteger left = failuresLeft.get(event.eventId());
		if (left != null && left.getAndDecrement() > 0) {
			throw new IllegalStateException("failing " + event.eventId() + " on purpose");
		}
		handled.add(event);
	}

	List<MovieDetailsViewedEvent> handled() {
		return handled;
	}

	int attempts(UUID eventId) {
		AtomicInteger count = attempts.get(eventId);
		return count == null ? 0 : count.get();
	}

}
