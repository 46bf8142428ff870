package io.netflixevents.frontend.ingest;

import java.util.UUID;

/** S3 or the publish target failed; the event was not both stored and published. */
class AwsUnavailableException extends RuntimeException {

	private final UUID eventId;

	private final String step;

	AwsUnavailableException(UUID eventId, String step, RuntimeException cause) {
		super(step + " failed: " + cause.getMessage(), cause);
		this.eventId = eventId;
		this.step = step;
	}

	UUID eventId() {
		return eventId;
	}

	String step() {
		return step;
	}

}
