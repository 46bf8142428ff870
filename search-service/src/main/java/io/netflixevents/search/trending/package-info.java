/**
 * Trending movies: a view count that decays with a half-life, so that what is being opened now outranks what was
 * popular yesterday. Search boosts its ranking with these scores.
 */
package io.netflixevents.search.trending;
