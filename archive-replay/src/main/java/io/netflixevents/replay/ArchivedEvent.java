package io.netflixevents.replay;

import io.netflixevents.event.MovieDetailsViewedEvent;

/** An event read from the archive: its key, the event, and the JSON as stored. */
record ArchivedEvent(String key, MovieDetailsViewedEvent event, String json) {
}
