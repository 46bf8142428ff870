package io.netflixevents.frontend.pipeline;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A consumer's {@code GET /api/applied-events}: the events it applied, newest first. */
record AppliedEvents(String service, List<AppliedEvent> events) {

	record AppliedEvent(UUID eventId, String userId, long movieId, Instant occurredAt, Instant appliedAt) {
	}

}
