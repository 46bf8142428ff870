package io.netflixevents.consumer;

import java.util.List;

import io.netflixevents.event.MovieDetailsViewedEvent;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * A consumer service's work on one event, as the writes to its {@link ServiceTable} that apply the event to its
 * view. The listener commits them in one transaction with the event's applied-marker, so an event changes the view
 * exactly once however often SQS delivers it and however many instances run. The writes of the four services read
 * nothing first and carry no condition, so instances applying events at once never conflict; a handler's condition
 * that fails would give the message back to the queue.
 * <p>
 * Returning normally lets the message be deleted once committed; throwing leaves it on the queue to come back with
 * a growing delay, and in the dead-letter queue after the fifth receive.
 */
@FunctionalInterface
public interface MovieDetailsViewedHandler {

	/** At most {@value EventApplier#MAX_HANDLER_WRITES} writes (DynamoDB allows 25 items per transaction on moto). */
	List<TransactWriteItem> writesFor(MovieDetailsViewedEvent event);

	/**
	 * Called once the event's writes are committed, by this instance or, for a redelivery, before: for work that
	 * follows from the commit but need not be part of it, such as noting what a rollup must refresh.
	 */
	default void committed(MovieDetailsViewedEvent event) {
	}

}
