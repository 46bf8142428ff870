package io.netflixevents.streaming.prefetch;

import java.time.Instant;

/** A movie to pre-warm, with how often its details were opened inside the window. */
record PrefetchCandidate(long movieId, String movieTitle, Instant lastViewedAt, int recentViews) {

	/** The same movie's views in another slice of the window added. */
	PrefetchCandidate plus(PrefetchCandidate other) {
		PrefetchCandidate newer = other.lastViewedAt.isAfter(lastViewedAt) ? other : this;
		PrefetchCandidate older = newer == this ? other : this;
		return new PrefetchCandidate(movieId, newer.movieTitle != null ? newer.movieTitle : older.movieTitle,
				newer.lastViewedAt, recentViews + other.recentViews);
	}

}
