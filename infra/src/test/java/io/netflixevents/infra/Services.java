package io.netflixevents.infra;

import java.util.List;
import java.util.Map;

/** The five services as the services' own code fixes them: names, ports, and the consumers' queues. */
final class Services {

	static final String FRONTEND = "frontend-service";

	/** Consumer service to the short name its queue, role and outputs are named after. */
	static final Map<String, String> CONSUMERS = Map.of("recommendation-service", "recommendation", "search-service",
			"search", "streaming-service", "streaming", "user-service", "user");

	static final List<String> ALL = List.of(FRONTEND, "recommendation-service", "search-service",
			"streaming-service", "user-service");

	static final Map<String, Integer> PORTS = Map.of(FRONTEND, 8080, "recommendation-service", 8081,
			"search-service", 8082, "streaming-service", 8083, "user-service", 8084);

	private Services() {
	}

	static String queue(String consumer) {
		return "netflix-events-" + CONSUMERS.get(consumer);
	}

	/** recommendation -> Recommendation: how the template names a consumer's resources. */
	static String capitalized(String shortName) {
		return Character.toUpperCase(shortName.charAt(0)) + shortName.substring(1);
	}

}
