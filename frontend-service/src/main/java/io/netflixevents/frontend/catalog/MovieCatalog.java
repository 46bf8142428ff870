package io.netflixevents.frontend.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/** The movies of {@code catalog/movies.json}, read once at startup and checked: positive, unique ids and titles. */
@Component
class MovieCatalog {

	private final List<Movie> movies;

	MovieCatalog(JsonMapper json, @Value("classpath:catalog/movies.json") Resource source) {
		try (InputStream in = source.getInputStream()) {
			this.movies = List.copyOf(json.readValue(in, new TypeReference<List<Movie>>() {
			}));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the movie catalogue " + source, ex);
		}
		check(movies);
	}

	private static void check(List<Movie> movies) {
		Set<Long> ids = new HashSet<>();
		for (Movie movie : movies) {
			if (movie.id() <= 0 || !ids.add(movie.id())) {
				throw new IllegalStateException("movie ids must be positive and unique: " + movie);
			}
			if (movie.title() == null || movie.title().isBlank()) {
				throw new IllegalStateException("a movie needs a title: " + movie);
			}
		}
	}

	/** In catalogue order. */
	List<Movie> all() {
		return movies;
	}

	Optional<Movie> find(long id) {
		return movies.stream().filter(movie -> movie.id() == id).findFirst();
	}

}
