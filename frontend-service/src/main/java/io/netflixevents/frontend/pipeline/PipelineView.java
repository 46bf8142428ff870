package io.netflixevents.frontend.pipeline;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Service;

/** Asks all four consumers at once and puts their answers together for the page. */
@Service
class PipelineView {

	static final int RECOMMENDATIONS = 8;

	static final int TRENDING = 8;

	private final ConsumerApis apis;

	private final ConsumerServicesProperties services;

	private final Clock clock;

	PipelineView(ConsumerApis apis, ConsumerServicesProperties services, Clock clock) {
		this.apis = apis;
		this.services = services;
		this.clock = clock;
	}

	PipelineStatus appliedEvents(int limit) {
		List<CompletableFuture<ServiceAnswer<List<AppliedEvents.AppliedEvent>>>> answers = services.all()
			.stream()
			.map(service -> apis.get(service, AppliedEvents.class, "/api/applied-events?limit={limit}", limit)
				.thenApply(PipelineView::events))
			.toList();
		return new PipelineStatus(clock.instant(), answers.stream().map(CompletableFuture::join).toList());
	}

	private static ServiceAnswer<List<AppliedEvents.AppliedEvent>> events(ServiceAnswer<AppliedEvents> answer) {
		List<AppliedEvents.AppliedEvent> events = (answer.body() != null && answer.body().events() != null)
				? answer.body().events() : List.of();
		return new ServiceAnswer<>(answer.service(), answer.up(), answer.problem(), answer.up() ? events : null);
	}

	UserResults resultsFor(String userId) {
		CompletableFuture<ServiceAnswer<JsonNode>> history = apis.get(services.userService(), JsonNode.class,
				"/api/users/{userId}/history", userId);
		CompletableFuture<ServiceAnswer<JsonNode>> recommendations = apis.get(services.recommendationService(),
				JsonNode.class, "/api/recommendations/{userId}?limit={limit}", userId, RECOMMENDATIONS);
		CompletableFuture<ServiceAnswer<JsonNode>> trending = apis.get(services.searchService(), JsonNode.class,
				"/api/search/trending?limit={limit}", TRENDING);
		CompletableFuture<ServiceAnswer<JsonNode>> prefetch = apis.get(services.streamingService(), JsonNode.class,
				"/api/streaming/prefetch");
		return new UserResults(clock.instant(), userId, history.join(), recommendations.join(), trending.join(),
				prefetch.join());
	}

}
