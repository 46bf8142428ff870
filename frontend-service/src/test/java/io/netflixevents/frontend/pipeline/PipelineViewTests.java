package io.netflixevents.frontend.pipeline;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.netflixevents.testsupport.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

class PipelineViewTests {

	private static final Duration TIMEOUT = Duration.ofMillis(400);

	private static final Instant NOW = Instant.parse("2026-03-01T12:00:05Z");

	private final FakeConsumer recommendation = FakeConsumer.start();

	private final FakeConsumer search = FakeConsumer.start();

	private final FakeConsumer streaming = FakeConsumer.start();

	private final FakeConsumer user = FakeConsumer.start();

	private final ExecutorService calls = Executors.newCachedThreadPool();

	@AfterEach
	void stop() {
		calls.shutdownNow();
		List.of(recommendation, search, streaming, user).forEach(FakeConsumer::close);
	}

	@Test
	void reportsWhichEventsEachConsumerAppliedInServiceOrder() {
		UUID eventId = UUID.randomUUID();
		for (FakeConsumer consumer : List.of(recommendation, search, streaming, user)) {
			consumer.answering("/api/applied-events", applied(eventId));
		}

		PipelineStatus status = view(user.baseUrl()).appliedEvents(20);

		assertThat(status.checkedAt()).isEqualTo(NOW);
		assertThat(status.services()).extracting(ServiceAnswer::service)
			.containsExactly("recommendation-service", "search-service", "streaming-service", "user-service");
		assertThat(status.services()).allSatisfy(answer -> {
			assertThat(answer.up()).isTrue();
			assertThat(answer.body()).singleElement().satisfies(event -> {
				assertThat(event.eventId()).isEqualTo(eventId);
				assertThat(event.movieId()).isEqualTo(2);
				assertThat(event.appliedAt()).isEqualTo(Instant.parse("2026-03-01T12:00:00.120Z"));
			});
		});
		assertThat(search.requested()).containsExactly("/api/applied-events?limit=20");
	}

	@Test
	void reportsAConsumerThatRefusesConnectionsAsDownAndTheOthersAsUsual() {
		UUID eventId = UUID.randomUUID();
		List.of(recommendation, search, streaming).forEach(c -> c.answering("/api/applied-events", applied(eventId)));

		PipelineStatus status = view(URI.create("http://127.0.0.1:" + FreePorts.next())).appliedEvents(20);

		assertThat(status.services()).filteredOn(ServiceAnswer::up).hasSize(3);
		assertThat(status.services().get(3)).satisfies(answer -> {
			assertThat(answer.service()).isEqualTo("user-service");
			assertThat(answer.up()).isFalse();
			assertThat(answer.problem()).isEqualTo("is not answering (connection refused)");
			assertThat(answer.body()).isNull();
		});
	}

	@Test
	void givesUpOnAConsumerThatDoesNotAnswerWithinTheTimeout() {
		List.of(recommendation, search, streaming).forEach(c -> c.answering("/api/applied-events", applied(UUID.randomUUID())));
		user.hanging("/api/applied-events");

		long started = System.nanoTime();
		PipelineStatus status = view(user.baseUrl()).appliedEvents(20);

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT.multipliedBy(4));
		assertThat(status.services().get(3).up()).isFalse();
		assertThat(status.services().get(3).problem()).isEqualTo("did not answer within 400 ms");
		assertThat(status.services()).filteredOn(ServiceAnswer::up).hasSize(3);
	}

	@Test
	void reportsAConsumerThatAnswersWithAnErrorAsDown() {
		user.failing("/api/applied-events", 503);

		PipelineStatus status = view(user.baseUrl()).appliedEvents(20);

		assertThat(status.services().get(3).up()).isFalse();
		assertThat(status.services().get(3).problem()).isEqualTo("answered HTTP 503");
	}

	@Test
	void passesEachConsumersResultForTheUserThrough() {
		user.answering("/api/users/ann marie/history", """
				{"userId":"ann marie","views":[{"movieId":2,"movieTitle":"Inception"}]}""");
		recommendation.answering("/api/recommendations/ann marie", """
				{"userId":"ann marie","basis":"popular","movies":[{"movieId":5,"movieTitle":"Parasite","score":3}]}""");
		search.answering("/api/search/trending", """
				{"halfLife":"PT1H","movies":[{"movieId":2,"movieTitle":"Inception","score":1.0}]}""");
		streaming.failing("/api/streaming/prefetch", 500);

		UserResults results = view(user.baseUrl()).resultsFor("ann marie");

		assertThat(results.userId()).isEqualTo("ann marie");
		assertThat(results.history().body().get("views").get(0).get("movieTitle").asString()).isEqualTo("Inception");
		assertThat(results.recommendations().body().get("basis").asString()).isEqualTo("popular");
		assertThat(results.trending().body().get("movies").get(0).get("movieId").asLong()).isEqualTo(2);
		assertThat(results.prefetch().up()).isFalse();
		assertThat(results.prefetch().problem()).isEqualTo("answered HTTP 500");
		assertThat(user.requested()).containsExactly("/api/users/ann%20marie/history");
		assertThat(recommendation.requested()).containsExactly("/api/recommendations/ann%20marie?limit=8");
		assertThat(search.requested()).containsExactly("/api/search/trending?limit=8");
	}

	private PipelineView view(URI userService) {
		ConsumerServicesProperties properties = new ConsumerServicesProperties(recommendation.baseUrl(),
				search.baseUrl(), streaming.baseUrl(), userService, Duration.ofMillis(300), TIMEOUT);
		ConsumerApis apis = new ConsumerApis(properties, RestClient.builder(), calls);
		return new PipelineView(apis, properties, Clock.fixed(NOW, ZoneOffset.UTC));
	}

	private static String applied(UUID eventId) {
		return """
				{"service":"x","events":[{"eventId":"%s","userId":"ann","movieId":2,
				 "occurredAt":"2026-03-01T12:00:00Z","appliedAt":"2026-03-01T12:00:00.120Z"}]}""".formatted(eventId);
	}

}
