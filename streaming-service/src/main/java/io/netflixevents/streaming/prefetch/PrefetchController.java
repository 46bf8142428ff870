package io.netflixevents.streaming.prefetch;

import java.time.Duration;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class PrefetchController {

	private final PrefetchPlanner planner;

	private final PrefetchProperties properties;

	PrefetchController(PrefetchPlanner planner, PrefetchProperties properties) {
		this.planner = planner;
		this.properties = properties;
	}

	@GetMapping("/api/streaming/prefetch")
	PrefetchList prefetch() {
		return new PrefetchList(properties.window(), planner.plan());
	}

	record PrefetchList(Duration window, List<PrefetchCandidate> movies) {
	}

}
