package io.netflixevents.frontend.pipeline;

import java.time.Instant;

import tools.jackson.databind.JsonNode;

/** Each consumer's result that concerns a user, passed through as the service answered it. */
record UserResults(Instant checkedAt, String userId, ServiceAnswer<JsonNode> history,
		ServiceAnswer<JsonNode> recommendations, ServiceAnswer<JsonNode> trending, ServiceAnswer<JsonNode> prefetch) {
}
