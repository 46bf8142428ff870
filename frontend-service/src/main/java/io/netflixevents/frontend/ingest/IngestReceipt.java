package io.netflixevents.frontend.ingest;

import java.util.UUID;

/** The {@code 202} body: the event's id, where it was archived, and the message that carries it. */
record IngestReceipt(UUID eventId, String s3Key, String messageId, String publishedTo) {
}
