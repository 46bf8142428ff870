package io.netflixevents.infra;

import java.util.List;
import java.util.Map;

/** The five services as the services' own code fixes them: names, ports, and the queues of the topic. */
final class Services {

	static final String FRONTEND = "frontend-service";

	/** Consumer service to the short name its queue, role and outputs are named after. */
	static final Map<String, String> CONSUMERS = Map.of("recommendation-service", "recommendation", "search-service",
			"search", "streaming-service", "streaming", "user-service", "user");

	/** The short name of the archive's own queue, which frontend-service consumes. */
	static final String ARCHIVE = "archive";

	/** The short names of every queue subscribed to the topic: the consumers' and the archive's. */
	static final List<String> QUEUES = List.of("recommendation", "search", "streaming", "user", ARCHIVE);

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
