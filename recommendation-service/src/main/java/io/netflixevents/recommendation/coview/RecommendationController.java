package io.netflixevents.recommendation.coview;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class RecommendationController {

	static final int MAX_LIMIT = 50;

	private final CoViewGraph graph;

	RecommendationController(CoViewGraph graph) {
		this.graph = graph;
	}

	@GetMapping("/api/recommendations/{userId}")
	Recommendations recommendations(@PathVariable String userId, @RequestParam(defaultValue = "10") int limit) {
		return graph.recommendFor(userId, Math.max(1, Math.min(limit, MAX_LIMIT)));
	}

}
