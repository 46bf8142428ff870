package io.netflixevents.consumer;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Which events this service applied: recent ones (this instance), one by id, and how many (all instances). */
@RestController
class AppliedEventsController {

	private final AppliedEventLog log;

	private final ServiceTable table;

	private final String service;

	AppliedEventsController(AppliedEventLog log, ServiceTable table, String service) {
		this.log = log;
		this.table = table;
		this.service = service;
	}

	@GetMapping("/api/applied-events")
	AppliedEvents recent(@RequestParam(defaultValue = "50") int limit) {
		return new AppliedEvents(service, log.recent(Math.max(1, Math.min(limit, 1000))));
	}

	@GetMapping("/api/applied-events/{eventId}")
	ResponseEntity<AppliedEvent> one(@PathVariable UUID eventId) {
		Map<String, AttributeValue> marker = table.get(EventApplier.MARKER_PREFIX + eventId, EventApplier.MARKER_SK);
		return marker.isEmpty() ? ResponseEntity.notFound().build()
				: ResponseEntity.ok(new AppliedEvent(eventId, Items.stringOf(marker, "appliedAt")));
	}

	/** The number of committed applications, summed over the counter shards. */
	@GetMapping("/api/applied-events/count")
	AppliedCount count() {
		List<Map<String, AttributeValue>> keys = IntStream.range(0, EventApplier.COUNTER_SHARDS)
			.mapToObj(shard -> Items.key(EventApplier.COUNTER_PREFIX + shard, EventApplier.COUNTER_SK))
			.toList();
		long applied = table.getAll(keys).stream().mapToLong(item -> Items.longOf(item, "applied")).sum();
		return new AppliedCount(service, applied);
	}

	record AppliedEvents(String service, List<AppliedEventLog.AppliedEvent> events) {
	}

	record AppliedEvent(UUID eventId, String appliedAt) {
	}

	record AppliedCount(String service, long applied) {
	}

}
