package io.netflixevents.frontend.catalog;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class MovieCatalogTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void bundlesAboutFortyMoviesEachWithTitleYearGenresAndSynopsis() {
		MovieCatalog catalog = new MovieCatalog(json, new ClassPathResource("catalog/movies.json"));

		assertThat(catalog.all()).hasSizeBetween(36, 48).allSatisfy(movie -> {
			assertThat(movie.id()).isPositive();
			assertThat(movie.title()).isNotBlank();
			assertThat(movie.year()).isBetween(1900, 2100);
			assertThat(movie.genres()).isNotEmpty();
			assertThat(movie.synopsis()).isNotBlank().hasSizeLessThan(160);
		});
		assertThat(catalog.all()).extracting(Movie::id).doesNotHaveDuplicates();
	}

	@Test
	void findsAMovieByItsId() {
		MovieCatalog catalog = new MovieCatalog(json, new ClassPathResource("catalog/movies.json"));

		assertThat(catalog.find(1)).hasValueSatisfying(movie -> assertThat(movie.title()).isEqualTo("The Matrix"));
		assertThat(catalog.find(9999)).isEmpty();
	}

	@Test
	void refusesACatalogueWithTwoMoviesUnderOneId() {
		String movies = """
				[{"id": 7, "title": "One", "year": 2000, "genres": ["Drama"], "synopsis": "a"},
				 {"id": 7, "title": "Two", "year": 2001, "genres": ["Drama"], "synopsis": "b"}]
				""";

		assertThatIllegalStateException()
			.isThrownBy(() -> new MovieCatalog(json, new ByteArrayResource(movies.getBytes(StandardCharsets.UTF_8))))
			.withMessageContaining("unique");
	}

}
