package io.netflixevents.replay;

import io.netflixevents.event.MovieDetailsViewedEvent;

/** An event read from the archive, and its JSON as stored. */
record ArchivedEvent(MovieDetailsViewedEvent event, String json) {
}
