package io.netflixevents.frontend.ingest;

import java.io.IOException;

/** The request body is larger than an SQS message may be. */
class EventTooLargeException extends IOException {

	static final String MESSAGE = "the event body is larger than 256 KB, the most an SQS message may carry";

	EventTooLargeException() {
		super(MESSAGE);
	}

}
