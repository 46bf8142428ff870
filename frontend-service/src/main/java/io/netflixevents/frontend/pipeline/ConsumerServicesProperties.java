package io.netflixevents.frontend.pipeline;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the four consumer services answer ({@code RECOMMENDATION_SERVICE_URL}, ...) and how long the frontend waits
 * for them before it calls one down.
 */
@ConfigurationProperties("netflix.frontend.services")
record ConsumerServicesProperties(@DefaultValue("http://localhost:8081") URI recommendation,
		@DefaultValue("http://localhost:8082") URI search, @DefaultValue("http://localhost:8083") URI streaming,
		@DefaultValue("http://localhost:8084") URI user, @DefaultValue("300ms") Duration connectTimeout,
		@DefaultValue("1500ms") Duration timeout) {

	ConsumerService recommendationService() {
		return new ConsumerService("recommendation-service", recommendation);
	}

	ConsumerService searchService() {
		return new ConsumerService("search-service", search);
	}

	ConsumerService streamingService() {
		return new ConsumerService("streaming-service", streaming);
	}

	ConsumerService userService() {
		return new ConsumerService("user-service", user);
	}

	List<ConsumerService> all() {
		return List.of(recommendationService(), searchService(), streamingService(), userService());
	}

}
