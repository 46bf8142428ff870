package io.netflixevents.frontend.catalog;

import java.util.List;

/** A movie of the bundled catalogue. */
record Movie(long id, String title, int year, List<String> genres, String synopsis) {

	Movie {
		genres = List.copyOf(genres);
	}

}
