package io.netflixevents.frontend.pipeline;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What the page polls: which consumer applied which event, and each consumer's result for the current user. */
@RestController
class PipelineController {

	static final int MAX_LIMIT = 200;

	private final PipelineView view;

	PipelineController(PipelineView view) {
		this.view = view;
	}

	@GetMapping("/api/pipeline/applied-events")
	PipelineStatus appliedEvents(@RequestParam(defaultValue = "50") int limit) {
		return view.appliedEvents(Math.max(1, Math.min(limit, MAX_LIMIT)));
	}

	@GetMapping("/api/pipeline/users/{userId}")
	UserResults results(@PathVariable String userId) {
		return view.resultsFor(userId);
	}

}
