package io.netflixevents.consumer;

import io.netflixevents.event.MovieDetailsViewedEvent;

/**
 * A consumer service's work on one event. Returning normally lets the message be deleted; throwing leaves it on
 * the queue to come back after the visibility timeout, and in the dead-letter queue once it has failed too often.
 * The same event may arrive more than once (SNS and SQS deliver at least once): implementations absorb that.
 */
@FunctionalInterface
public interface MovieDetailsViewedHandler {

	void on(MovieDetailsViewedEvent event);

}
