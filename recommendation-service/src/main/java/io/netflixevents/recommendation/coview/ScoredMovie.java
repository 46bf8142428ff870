package io.netflixevents.recommendation.coview;

/** A recommended movie and the weight behind it: co-views, or views when the basis is popularity. */
record ScoredMovie(long movieId, String movieTitle, long score) {
}
