package io.netflixevents.search.trending;

/** A movie and its decayed view count now. */
record TrendingMovie(long movieId, String movieTitle, double score) {
}
