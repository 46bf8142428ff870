package io.netflixevents.frontend.ingest;

import java.io.IOException;

/** The request body is larger than the event body limit ({@link IngestProperties#maxBodySize()}). */
class EventTooLargeException extends IOException {

	EventTooLargeException(long limit) {
		super("the event body is larger than " + describe(limit) + ", the most an event may be (an SQS message "
				+ "carries at most 256 KB)");
	}

	private static String describe(long bytes) {
		return bytes % 1024 == 0 ? bytes / 1024 + " KB" : bytes + " bytes";
	}

}
