package io.netflixevents.frontend.ingest;

import java.util.Set;

import io.netflixevents.testsupport.AwsEmulator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When S3 or SNS fails, the answer is 503 with a problem body that names the failed step, never a 202, and only once
 * both calls ended.
 */
class AwsFailureTests {

	private static final AwsEmulator aws = AwsEmulator.shared();

	private static final Observed observed = new Observed(aws);

	@DynamicPropertySource
	static void emulator(DynamicPropertyRegistry registry) {
		aws.register(registry);
	}

	private static void assertUnavailable(EventEndpoint.Reply reply, String failedStep) {
		assertThat(reply.status()).isEqualTo(503);
		assertThat(reply.contentType()).startsWith("application/problem+json");
		assertThat(reply.text("eventId")).isNotBlank();
		assertThat(reply.text("detail")).startsWith(failedStep + " failed");
	}

	@Nested
	@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
	@TestPropertySource(properties = { "netflix.events.bucket=no-such-bucket",
			"netflix.events.topic=" + Observed.TOPIC })
	class WhenS3Fails {

		@LocalServerPort
		int port;

		@Test
		void answers503ThoughThePublishBesideItSucceeded() {
			observed.published();

			assertUnavailable(new EventEndpoint(port).post("{\"userId\":\"carol\",\"movieId\":11}"),
					"storing the event in S3");

			assertThat(observed.published()).as("published concurrently; the client's retry republishes")
				.hasSize(1);
		}

	}

	@Nested
	@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
	@TestPropertySource(properties = { "netflix.events.bucket=no-such-bucket",
			"netflix.events.topic=" + Observed.TOPIC, "netflix.events.ingest.order=archive-first" })
	class WhenS3FailsArchivingFirst {

		@LocalServerPort
		int port;

		@Test
		void answers503AndPublishesNothing() {
			observed.published();

			assertUnavailable(new EventEndpoint(port).post("{\"userId\":\"erin\",\"movieId\":13}"),
					"storing the event in S3");

			assertThat(observed.published()).isEmpty();
		}

	}

	@Nested
	@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
	@TestPropertySource(properties = "netflix.events.topic=arn:aws:sns:us-east-1:123456789012:no-such-topic")
	class WhenTheTopicFails {

		@LocalServerPort
		int port;

		@Test
		void answers503OnceTheEventIsStored() {
			Set<String> before = observed.archivedKeys();

			var reply = new EventEndpoint(port).post("{\"userId\":\"dave\",\"movieId\":12}");

			assertUnavailable(reply, "publishing the event");
			assertThat(observed.archivedKeys()).hasSize(before.size() + 1);
		}

	}

}
