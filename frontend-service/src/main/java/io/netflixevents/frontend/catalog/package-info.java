/**
 * The movies the web page offers: a catalogue bundled with the service ({@code catalog/movies.json}), served at
 * {@code GET /api/movies} so the page needs nothing from outside.
 */
package io.netflixevents.frontend.catalog;
