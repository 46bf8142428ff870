package io.netflixevents.frontend.catalog;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/** The ingest feature (its filter, metrics and problems) is left out: this slice has no metrics registry. */
@WebMvcTest(controllers = CatalogController.class,
		excludeFilters = @Filter(type = FilterType.REGEX, pattern = "io\\.netflixevents\\.frontend\\.ingest\\..*"))
@Import(MovieCatalog.class)
class CatalogControllerTests {

	@Autowired
	private MockMvcTester mvc;

	@Test
	void servesTheWholeCatalogueAsJson() {
		assertThat(mvc.get().uri("/api/movies")).hasStatusOk()
			.bodyJson()
			.hasPathSatisfying("$.length()", length -> assertThat(length).asNumber().isEqualTo(40))
			.hasPathSatisfying("$[0].title", title -> assertThat(title).asString().isEqualTo("The Matrix"))
			.hasPathSatisfying("$[0].genres[0]", genre -> assertThat(genre).asString().isEqualTo("Sci-Fi"));
	}

	@Test
	void servesOneMovieByIdAndAnswersNotFoundForAnUnknownOne() {
		assertThat(mvc.get().uri("/api/movies/3")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.title")
			.isEqualTo("Spirited Away");
		assertThat(mvc.get().uri("/api/movies/4040")).hasStatus(HttpStatus.NOT_FOUND);
	}

}
