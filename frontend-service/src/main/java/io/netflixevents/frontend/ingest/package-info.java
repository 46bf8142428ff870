/**
 * {@code POST /api/events/movie-details-viewed}: validates what the client sent, archives the event, publishes it,
 * and answers {@code 202} only when both happened. Bad input is answered with a problem+json body and changes
 * nothing; an AWS failure with {@code 503}.
 */
package io.netflixevents.frontend.ingest;
