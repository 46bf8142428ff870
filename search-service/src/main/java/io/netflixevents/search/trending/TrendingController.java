package io.netflixevents.search.trending;

import java.time.Duration;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class TrendingController {

	static final int MAX_LIMIT = 100;

	private final TrendingMovies trending;

	private final TrendingProperties properties;

	TrendingController(TrendingMovies trending, TrendingProperties properties) {
		this.trending = trending;
		this.properties = properties;
	}

	@GetMapping("/api/search/trending")
	Trending trending(@RequestParam(defaultValue = "10") int limit) {
		return new Trending(properties.halfLife(), trending.top(Math.max(1, Math.min(limit, MAX_LIMIT))));
	}

	record Trending(Duration halfLife, List<TrendingMovie> movies) {
	}

}
