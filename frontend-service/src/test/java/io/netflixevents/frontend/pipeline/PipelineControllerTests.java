package io.netflixevents.frontend.pipeline;

import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/** The ingest feature (its filter, metrics and problems) is left out: this slice has no metrics registry. */
@WebMvcTest(controllers = PipelineController.class,
		excludeFilters = @Filter(type = FilterType.REGEX, pattern = "io\\.netflixevents\\.frontend\\.ingest\\..*"))
@Import({ PipelineConfiguration.class, ConsumerApis.class, PipelineView.class })
@ImportAutoConfiguration(RestClientAutoConfiguration.class)
class PipelineControllerTests {

	private static final UUID EVENT_ID = UUID.randomUUID();

	/** Answers for three consumers; the user service's URL points where nothing listens. */
	private static final FakeConsumer CONSUMERS = FakeConsumer.start()
		.answering("/api/applied-events", """
				{"service":"x","events":[{"eventId":"%s","userId":"ann","movieId":2,
				 "occurredAt":"2026-03-01T12:00:00Z","appliedAt":"2026-03-01T12:00:00.120Z"}]}""".formatted(EVENT_ID))
		.answering("/api/search/trending", """
				{"halfLife":"PT1H","movies":[{"movieId":2,"movieTitle":"Inception","score":1.0}]}""");

	@Autowired
	private MockMvcTester mvc;

	@DynamicPropertySource
	static void consumers(DynamicPropertyRegistry registry) {
		registry.add("netflix.frontend.services.recommendation", () -> CONSUMERS.baseUrl());
		registry.add("netflix.frontend.services.search", () -> CONSUMERS.baseUrl());
		registry.add("netflix.frontend.services.streaming", () -> CONSUMERS.baseUrl());
		registry.add("netflix.frontend.services.user", () -> "http://127.0.0.1:" + io.netflixevents.testsupport.FreePorts.next());
		registry.add("netflix.frontend.services.timeout", () -> "500ms");
	}

	@AfterAll
	static void stop() {
		CONSUMERS.close();
	}

	@Test
	void servesEachConsumersAppliedEventsAndNamesTheOneThatIsDown() {
		assertThat(mvc.get().uri("/api/pipeline/applied-events?limit=5")).hasStatusOk()
			.bodyJson()
			.hasPathSatisfying("$.checkedAt", at -> assertThat(at).asString().isNotBlank())
			.hasPathSatisfying("$.services[0].service",
					name -> assertThat(name).asString().isEqualTo("recommendation-service"))
			.hasPathSatisfying("$.services[0].up", up -> assertThat(up).asBoolean().isTrue())
			.hasPathSatisfying("$.services[2].body[0].eventId",
					id -> assertThat(id).asString().isEqualTo(EVENT_ID.toString()))
			.hasPathSatisfying("$.services[2].body[0].appliedAt",
					at -> assertThat(at).asString().isEqualTo("2026-03-01T12:00:00.120Z"))
			.hasPathSatisfying("$.services[3].service", name -> assertThat(name).asString().isEqualTo("user-service"))
			.hasPathSatisfying("$.services[3].up", up -> assertThat(up).asBoolean().isFalse())
			.hasPathSatisfying("$.services[3].problem",
					problem -> assertThat(problem).asString().contains("not answering"));
		assertThat(CONSUMERS.requested()).contains("/api/applied-events?limit=5");
	}

	@Test
	void servesTheUsersResultsAsEachConsumerAnswered() {
		assertThat(mvc.get().uri("/api/pipeline/users/ann")).hasStatusOk()
			.bodyJson()
			.hasPathSatisfying("$.userId", user -> assertThat(user).asString().isEqualTo("ann"))
			.hasPathSatisfying("$.trending.up", up -> assertThat(up).asBoolean().isTrue())
			.hasPathSatisfying("$.trending.body.movies[0].movieTitle",
					title -> assertThat(title).asString().isEqualTo("Inception"))
			.hasPathSatisfying("$.history.up", up -> assertThat(up).asBoolean().isFalse())
			.hasPathSatisfying("$.prefetch.problem",
					problem -> assertThat(problem).asString().isEqualTo("answered HTTP 404"));
	}

}
