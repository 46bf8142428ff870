package io.netflixevents.frontend.catalog;

import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class CatalogController {

	private final MovieCatalog catalog;

	CatalogController(MovieCatalog catalog) {
		this.catalog = catalog;
	}

	@GetMapping("/api/movies")
	List<Movie> movies() {
		return catalog.all();
	}

	@GetMapping("/api/movies/{id}")
	ResponseEntity<Movie> movie(@PathVariable long id) {
		return ResponseEntity.of(catalog.find(id));
	}

}
