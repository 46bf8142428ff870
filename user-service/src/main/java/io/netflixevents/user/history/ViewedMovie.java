package io.netflixevents.user.history;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One entry of a user's history. */
record ViewedMovie(long movieId, String movieTitle, List<String> genres, Instant viewedAt, UUID eventId) {
}
