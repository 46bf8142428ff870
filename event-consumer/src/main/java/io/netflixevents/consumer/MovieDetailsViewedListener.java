package io.netflixevents.consumer;

import io.awspring.cloud.sqs.annotation.SqsListener;
import io.netflixevents.event.MovieDetailsViewedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Long-polls the service's queue and applies each decoded event exactly once. The message is deleted (acknowledged
 * {@code ON_SUCCESS}, the default) only when this method returns, that is once the event's writes are committed or
 * found committed before; an exception leaves it on the queue to come back.
 */
class MovieDetailsViewedListener {

	private static final Logger logger = LoggerFactory.getLogger(MovieDetailsViewedListener.class);

	private final EventApplier applier;

	private final AppliedEventLog log;

	MovieDetailsViewedListener(EventApplier applier, AppliedEventLog log) {
		this.applier = applier;
		this.log = log;
	}

	@SqsListener(value = "${netflix.events.queue}", factory = "eventListenerContainerFactory")
	void on(String body) {
		MovieDetailsViewedEvent event = EventMessageDecoder.decode(body);
		if (applier.apply(event) == EventApplier.Outcome.DUPLICATE) {
			logger.debug("Event {} was applied already; acknowledging the duplicate", event.eventId());
			return;
		}
		log.applied(event);
	}

}
