package io.netflixevents.consumer;

import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class AppliedEventsController {

	private final AppliedEventLog log;

	private final String service;

	AppliedEventsController(AppliedEventLog log, @Value("${spring.application.name}") String service) {
		this.log = log;
		this.service = service;
	}

	@GetMapping("/api/applied-events")
	AppliedEvents recent(@RequestParam(defaultValue = "50") int limit) {
		return new AppliedEvents(service, log.recent(Math.max(1, Math.min(limit, 1000))));
	}

	record AppliedEvents(String service, List<AppliedEventLog.AppliedEvent> events) {
	}

}
