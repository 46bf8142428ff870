package io.netflixevents.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.netflixevents.event.EventArchiveKey;
import io.netflixevents.event.EventJson;
import io.netflixevents.event.MovieDetailsViewedEvent;
import io.netflixevents.testsupport.AwsEmulator;
import io.netflixevents.testsupport.Queues;
import io.netflixevents.testsupport.RunningSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole fan-out with every service in its own JVM, as a user runs it: events posted over HTTP end up archived
 * in S3, applied and shown by all four consumer services, and gone from all four queues.
 */
class FanOutIT {

	private static final String BUCKET = "netflix-events-archive";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newHttpClient();

	private static AwsEmulator aws;

	private static RunningSystem system;

	@BeforeAll
	static void startSystem() {
		aws = AwsEmulator.shared();
		system = RunningSystem.start(aws);
	}

	@AfterAll
	static void stopSystem() {
		if (system != null) {
			system.close();
		}
	}

	@Test
	void everyAcceptedEventIsArchivedAndReachesAllFourServices() throws Exception {
		String user = "fan-out-" + UUID.randomUUID().toString().substring(0, 8);
		List<Long> movies = List.of(101L, 102L, 103L, 104L, 105L);
		List<UUID> accepted = new ArrayList<>();
		List<String> keys = new ArrayList<>();
		for (long movie : movies) {
			JsonNode receipt = postEvent("{\"userId\":\"" + user + "\",\"movieId\":" + movie
					+ ",\"movieTitle\":\"Movie " + movie + "\",\"genres\":[\"Drama\"],\"device\":\"system-test\"}");
			accepted.add(UUID.fromString(receipt.get("eventId").asString()));
			keys.add(receipt.get("s3Key").asString());
			assertThat(receipt.get("messageId").asString()).isNotBlank();
			assertThat(receipt.get("publishedTo").asString()).endsWith(":netflix-events-topic");
		}

		try (S3Client s3 = aws.s3()) {
			for (int i = 0; i < keys.size(); i++) {
				String key = keys.get(i);
				MovieDetailsViewedEvent archived = EventJson.decode(
						s3.getObjectAsBytes(request -> request.bucket(BUCKET).key(key)).asUtf8String());
				assertThat(archived.eventId()).isEqualTo(accepted.get(i));
				assertThat(archived.userId()).isEqualTo(user);
				assertThat(archived.movieId()).isEqualTo(movies.get(i));
				assertThat(key).isEqualTo(EventArchiveKey.of(archived));
			}
		}

		for (String consumer : RunningSystem.CONSUMERS) {
			await(consumer + " applied all events").atMost(Duration.ofSeconds(60))
				.until(() -> appliedBy(consumer).containsAll(accepted));
		}

		JsonNode history = get("user-service", "/api/users/" + user + "/history");
		assertThat(history.get("views").valueStream().map(view -> view.get("movieId").asLong()).toList())
			.containsExactly(105L, 104L, 103L, 102L, 101L);
		// the ranked views take in what was committed every rollup interval (2 s)
		await("the ranked views refreshed").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(movieIds(get("search-service", "/api/search/trending?limit=100"))).containsAll(movies);
			assertThat(movieIds(get("streaming-service", "/api/streaming/prefetch"))).containsAll(movies);
			JsonNode recommendations = get("recommendation-service", "/api/recommendations/someone-new?limit=50");
			assertThat(recommendations.get("basis").asString()).isEqualTo("popular");
			assertThat(movieIds(recommendations)).containsAll(movies);
		});

		try (SqsClient sqs = aws.sqs()) {
			Queues queues = new Queues(sqs);
			for (String consumer : RunningSystem.CONSUMERS) {
				String queueUrl = queues.urlOf("netflix-events-" + consumer.replace("-service", ""));
				await(consumer + "'s queue drained").atMost(Duration.ofSeconds(30))
					.until(() -> queues.depth(queueUrl) == 0);
			}
		}
	}

	private static JsonNode postEvent(String body) throws Exception {
		HttpResponse<String> response = http.send(
				HttpRequest.newBuilder(URI.create(system.frontendUrl() + "/api/events/movie-details-viewed"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(body))
					.build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		return JSON.readTree(response.body());
	}

	private static JsonNode get(String service, String path) throws Exception {
		HttpResponse<String> response = http.send(
				HttpRequest.newBuilder(URI.create(system.urlOf(service) + path)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	private static Set<UUID> appliedBy(String service) throws Exception {
		return get(service, "/api/applied-events?limit=1000").get("events")
			.valueStream()
			.map(event -> UUID.fromString(event.get("eventId").asString()))
			.collect(Collectors.toSet());
	}

	private static List<Long> movieIds(JsonNode view) {
		return view.get("movies").valueStream().map(movie -> movie.get("movieId").asLong()).toList();
	}

}
