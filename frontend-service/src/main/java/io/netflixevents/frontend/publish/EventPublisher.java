package io.netflixevents.frontend.publish;

import io.netflixevents.event.MovieDetailsViewedEvent;

/** Publishes an event once, with its type and schema version as message attributes. */
public interface EventPublisher {

	Publication publish(MovieDetailsViewedEvent event, String json);

}
