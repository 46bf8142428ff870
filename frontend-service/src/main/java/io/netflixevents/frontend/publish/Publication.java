package io.netflixevents.frontend.publish;

/** The broker's id for the published message and the ARN or URL it was published to. */
public record Publication(String messageId, String publishedTo) {
}
