package io.netflixevents.consumer;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;

import io.netflixevents.event.MovieDetailsViewedEvent;

/**
 * The events this instance applied most recently, with when, so that people and the web page's pipeline panel can
 * see an event reach the service: {@code GET /api/applied-events}.
 */
public class AppliedEventLog {

	private final Deque<AppliedEvent> recent = new ArrayDeque<>();

	private final int capacity;

	private final Clock clock;

	AppliedEventLog(int capacity, Clock clock) {
		this.capacity = capacity;
		this.clock = clock;
	}

	synchronized void applied(MovieDetailsViewedEvent event) {
		recent.addFirst(new AppliedEvent(event.eventId(), event.userId(), event.movieId(), event.occurredAt(),
				clock.instant()));
		if (recent.size() > capacity) {
			recent.removeLast();
		}
	}

	/** Newest first. */
	public synchronized List<AppliedEvent> recent(int limit) {
		return new ArrayList<>(recent).subList(0, Math.min(limit, recent.size()));
	}

	public record AppliedEvent(UUID eventId, String userId, long movieId, Instant occurredAt, Instant appliedAt) {
	}

}
