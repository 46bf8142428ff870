package io.netflixevents.consumer;

import io.awspring.cloud.sqs.annotation.SqsListener;
import io.netflixevents.event.MovieDetailsViewedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Long-polls the service's queue and hands each decoded event to the service's handler, once per event id. The
 * message is deleted (acknowledged {@code ON_SUCCESS}, the default) only when this method returns; an exception
 * leaves it on the queue to come back.
 */
class MovieDetailsViewedListener {

	private static final Logger logger = LoggerFactory.getLogger(MovieDetailsViewedListener.class);

	private final MovieDetailsViewedHandler handler;

	private final AppliedEvents applied;

	private final AppliedEventLog log;

	MovieDetailsViewedListener(MovieDetailsViewedHandler handler, AppliedEvents applied, AppliedEventLog log) {
		this.handler = handler;
		this.applied = applied;
		this.log = log;
	}

	@SqsListener("${netflix.events.queue}")
	void on(String body) {
		MovieDetailsViewedEvent event = EventMessageDecoder.decode(body);
		if (!applied.claim(event.eventId())) {
			logger.debug("Event {} was applied already; acknowledging the duplicate", event.eventId());
			return;
		}
		try {
			handler.on(event);
			log.applied(event);
		}
		catch (RuntimeException ex) {
			applied.release(event.eventId());
			throw ex;
		}
	}

}
