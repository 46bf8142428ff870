package io.netflixevents.frontend.ingest;

import java.util.Set;
import java.util.UUID;

import io.netflixevents.event.EventArchiveKey;
import io.netflixevents.event.EventAttributes;
import io.netflixevents.event.EventJson;
import io.netflixevents.event.MovieDetailsViewedEvent;
import io.netflixevents.testsupport.AwsEmulator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The event endpoint over real HTTP, archiving to and publishing through the emulator's S3 and SNS. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IngestControllerTests {

	private static final AwsEmulator aws = AwsEmulator.shared();

	private static final Observed observed = new Observed(aws);

	@DynamicPropertySource
	static void emulator(DynamicPropertyRegistry registry) {
		aws.register(registry);
		registry.add("netflix.events.topic", () -> Observed.TOPIC);
	}

	@LocalServerPort
	int port;

	EventEndpoint endpoint;

	@BeforeEach
	void drainTopicQueue() {
		endpoint = new EventEndpoint(port);
		observed.published();
	}

	@Test
	void archivesTheEventInS3AndPublishesTheSameEventToTheTopic() {
		var reply = endpoint.post("""
				{"userId":"alice","movieId":603,"movieTitle":"The Matrix","genres":["Action","Sci-Fi"],
				 "sessionId":"s-1","device":"web"}""");

		assertThat(reply.status()).isEqualTo(202);
		MovieDetailsViewedEvent archived = EventJson.decode(observed.archived(reply.text("s3Key")));
		assertThat(archived.eventId()).hasToString(reply.text("eventId"));
		assertThat(archived.userId()).isEqualTo("alice");
		assertThat(archived.movieId()).isEqualTo(603);
		assertThat(archived.genres()).containsExactly("Action", "Sci-Fi");
		assertThat(reply.text("s3Key")).isEqualTo(EventArchiveKey.of(archived));
		assertThat(reply.text("publishedTo")).endsWith(":" + Observed.TOPIC);

		Message message = assertThat(observed.published()).singleElement().actual();
		assertThat(EventJson.decode(message.body())).isEqualTo(archived);
		assertThat(message.messageAttributes().get(EventAttributes.EVENT_TYPE).stringValue())
			.isEqualTo("MovieDetailsViewed");
		assertThat(message.messageAttributes().get(EventAttributes.SCHEMA_VERSION).stringValue()).isEqualTo("1");
	}

	@Test
	void carriesTheRequestsTraceToTheConsumersInTheMessage() {
		String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";

		var reply = endpoint.post("{\"userId\":\"trace\",\"movieId\":1}", "traceparent",
				"00-" + traceId + "-00f067aa0ba902b7-01");

		assertThat(reply.status()).isEqualTo(202);
		Message message = assertThat(observed.published()).singleElement().actual();
		assertThat(message.messageAttributes().get("traceparent").stringValue()).startsWith("00-" + traceId + "-");
	}

	@Test
	void aRetryWithTheSameEventIdRewritesTheSameObject() {
		String eventId = UUID.randomUUID().toString();
		String body = """
				{"eventId":"%s","occurredAt":"2026-11-25T10:15:00Z","userId":"bob","movieId":7}""".formatted(eventId);

		var first = endpoint.post(body);
		var retry = endpoint.post(body);

		assertThat(first.status()).isEqualTo(202);
		assertThat(retry.status()).isEqualTo(202);
		assertThat(retry.text("eventId")).isEqualTo(eventId);
		assertThat(retry.text("s3Key")).isEqualTo(first.text("s3Key"))
			.isEqualTo("events/movie-details-viewed/dt=2026-11-25/hr=10/" + eventId + ".json");
		assertThat(observed.archivedKeys()).filteredOn(key -> key.contains(eventId)).hasSize(1);
		assertThat(observed.published()).extracting(message -> EventJson.decode(message.body()).eventId())
			.allMatch(id -> id.toString().equals(eventId));
	}

	@Test
	void rejectsMalformedJsonAndChangesNothing() {
		assertRejected(endpoint.post("{\"userId\": \"alice\", "), 400, "(body)");
	}

	@Test
	void rejectsAMissingFieldNamingIt() {
		assertRejected(endpoint.post("{\"movieId\": 5}"), 400, "userId");
	}

	@Test
	void rejectsAWrongTypedFieldNamingIt() {
		assertRejected(endpoint.post("{\"userId\": \"alice\", \"movieId\": \"five\"}"), 400, "movieId");
	}

	@Test
	void rejectsANonPositiveMovieId() {
		assertRejected(endpoint.post("{\"userId\": \"alice\", \"movieId\": 0}"), 400, "movieId");
	}

	@Test
	void rejectsABodyOver256Kilobytes() {
		EventEndpoint.Reply reply = endpoint.post(bodyOver256Kilobytes());
		assertRejected(reply, 413, "(body)");
		assertThat(reply.text("detail")).contains("larger than 256 KB");
	}

	@Test
	void rejectsAChunkedBodyOver256KilobytesOnceItPassesTheLimit() {
		EventEndpoint.Reply reply = endpoint.postChunked(bodyOver256Kilobytes());
		assertRejected(reply, 413, "(body)");
		assertThat(reply.text("detail")).contains("larger than 256 KB");
	}

	private static String bodyOver256Kilobytes() {
		return "{\"userId\":\"alice\",\"movieId\":5,\"movieTitle\":\"" + "x".repeat(256 * 1024) + "\"}";
	}

	private void assertRejected(EventEndpoint.Reply reply, int status, String field) {
		Set<String> before = observed.archivedKeys();
		assertThat(reply.status()).isEqualTo(status);
		assertThat(reply.contentType()).startsWith("application/problem+json");
		assertThat(reply.text("field")).isEqualTo(field);
		assertThat(reply.body().get("status").asInt()).isEqualTo(status);
		assertThat(observed.archivedKeys()).isEqualTo(before);
		assertThat(observed.published()).isEmpty();
	}

}
