package io.netflixevents.streaming.prefetch;

import java.time.Instant;

/** A movie to pre-warm, with how often its details were opened inside the window. */
record PrefetchCandidate(long movieId, String movieTitle, Instant lastViewedAt, int recentViews) {

	PrefetchCandidate viewedAgain(String title, Instant at) {
		return new PrefetchCandidate(movieId, title != null ? title : movieTitle,
				at.isAfter(lastViewedAt) ? at : lastViewedAt, recentViews + 1);
	}

}
