package io.netflixevents.event;

import java.util.ArrayList;
import java.util.List;

/**
 * The validation rules of {@link MovieDetailsViewedEvent}, kept in this one place for the frontend (which answers
 * {@code 400}) and the consumers (which send the message to their dead-letter queue).
 */
public final class EventValidator {

	static final int MAX_ID_LENGTH = 128;

	static final int MAX_TITLE_LENGTH = 512;

	static final int MAX_GENRES = 20;

	static final int MAX_GENRE_LENGTH = 64;

	private EventValidator() {
	}

	public static List<Violation> violations(MovieDetailsViewedEvent event) {
		List<Violation> violations = new ArrayList<>();
		if (event.eventId() == null) {
			violations.add(new Violation("eventId", "is required"));
		}
		if (!MovieDetailsViewedEvent.TYPE.equals(event.eventType())) {
			violations.add(new Violation("eventType", "must be " + MovieDetailsViewedEvent.TYPE));
		}
		if (event.schemaVersion() == null || event.schemaVersion() != MovieDetailsViewedEvent.SCHEMA_VERSION) {
			violations.add(new Violation("schemaVersion", "must be " + MovieDetailsViewedEvent.SCHEMA_VERSION));
		}
		if (event.occurredAt() == null) {
			violations.add(new Violation("occurredAt", "is required"));
		}
		requireText(violations, "userId", event.userId(), MAX_ID_LENGTH);
		if (event.movieId() == null) {
			violations.add(new Violation("movieId", "is required"));
		}
		else if (event.movieId() <= 0) {
			violations.add(new Violation("movieId", "must be a positive integer"));
		}
		optionalText(violations, "movieTitle", event.movieTitle(), MAX_TITLE_LENGTH);
		optionalText(violations, "sessionId", event.sessionId(), MAX_ID_LENGTH);
		optionalText(violations, "device", event.device(), MAX_ID_LENGTH);
		if (event.genres().size() > MAX_GENRES) {
			violations.add(new Violation("genres", "must have at most " + MAX_GENRES + " entries"));
		}
		for (int i = 0; i < event.genres().size(); i++) {
			requireText(violations, "genres[" + i + "]", event.genres().get(i), MAX_GENRE_LENGTH);
		}
		return violations;
	}

	/** Returns the event unchanged, or throws with every rule it breaks. */
	public static MovieDetailsViewedEvent requireValid(MovieDetailsViewedEvent event) {
		List<Violation> violations = violations(event);
		if (!violations.isEmpty()) {
			throw new InvalidEventException(violations);
		}
		return event;
	}

	private static void requireText(List<Violation> violations, String field, String value, int maxLength) {
		if (value == null || value.isBlank()) {
			violations.add(new Violation(field, "is required"));
		}
		else {
			optionalText(violations, field, value, maxLength);
		}
	}

	private static void optionalText(List<Violation> violations, String field, String value, int maxLength) {
		if (value != null && value.length() > maxLength) {
			violations.add(new Violation(field, "must be at most " + maxLength + " characters"));
		}
	}

}
