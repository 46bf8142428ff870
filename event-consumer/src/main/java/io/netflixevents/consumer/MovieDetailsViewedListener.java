package io.netflixevents.consumer;

import io.awspring.cloud.sqs.annotation.SqsListener;
import io.netflixevents.event.MovieDetailsViewedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Long-polls the service's queue and applies each decoded event exactly once. The message is deleted (acknowledged
 * {@code ON_SUCCESS}, the default) only when this method returns, that is once the event's writes are committed or
 * found committed before; an exception leaves it on the queue to come back. Log lines about the event carry its id
 * ({@code eventId} in the MDC) and the trace id the frontend started.
 */
class MovieDetailsViewedListener {

	private static final Logger logger = LoggerFactory.getLogger(MovieDetailsViewedListener.class);

	private final EventApplier applier;

	private final AppliedEventLog log;

	private final ConsumerMetrics metrics;

	MovieDetailsViewedListener(EventApplier applier, AppliedEventLog log, ConsumerMetrics metrics) {
		this.applier = applier;
		this.log = log;
		this.metrics = metrics;
	}

	@SqsListener(value = "${netflix.events.queue}", factory = EventListenerConfiguration.CONTAINER_FACTORY)
	void on(String body) {
		long started = System.nanoTime();
		try {
			MovieDetailsViewedEvent event = EventMessageDecoder.decode(body);
			try (var eventId = MDC.putCloseable("eventId", event.eventId().toString())) {
				if (applier.apply(event) == EventApplier.Outcome.DUPLICATE) {
					metrics.duplicate();
					logger.debug("Event {} was applied already; acknowledging the duplicate", event.eventId());
					return;
				}
				metrics.applied(event, started);
				log.applied(event);
				logger.info("Applied event {} (user {}, movie {})", event.eventId(), event.userId(), event.movieId());
			}
		}
		catch (RuntimeException ex) {
			metrics.failed();
			throw ex;
		}
	}

}
