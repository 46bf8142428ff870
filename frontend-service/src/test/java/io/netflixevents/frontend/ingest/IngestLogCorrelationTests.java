package io.netflixevents.frontend.ingest;

import java.util.List;

import io.netflixevents.testsupport.AwsEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The S3 put runs on the archive pool, beside the publish on the request's thread: the SDK's own request log lines
 * on both threads carry the request's trace id and the event's id.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "logging.level.software.amazon.awssdk.request=DEBUG")
@ExtendWith(OutputCaptureExtension.class)
class IngestLogCorrelationTests {

	private static final AwsEmulator aws = AwsEmulator.shared();

	@DynamicPropertySource
	static void emulator(DynamicPropertyRegistry registry) {
		aws.register(registry);
		registry.add("netflix.events.topic", () -> Observed.TOPIC);
	}

	@LocalServerPort
	int port;

	@Test
	void theS3PutOnTheArchivePoolLogsWithTheRequestsTraceAndTheEventsId(CapturedOutput output) {
		new Observed(aws).published();
		String traceId = "0af7651916cd43dd8448eb211c80319c";

		var reply = new EventEndpoint(port).post("{\"userId\":\"carol\",\"movieId\":42}", "traceparent",
				"00-" + traceId + "-b7ad6b7169203331-01");

		assertThat(reply.status()).isEqualTo(202);
		String correlation = "[frontend-service," + traceId + ",";
		String eventId = reply.text("eventId");
		List<String> requests = output.getOut().lines().filter(line -> line.contains("Sending Request")).toList();
		assertThat(requests).filteredOn(line -> line.contains("httpMethod=PUT") && line.contains(eventId))
			.singleElement()
			.satisfies(line -> assertThat(line).contains("[      archive-", correlation, eventId + "]"));
		assertThat(requests).filteredOn(line -> line.contains("httpMethod=POST") && line.contains(correlation))
			.isNotEmpty()
			.allSatisfy(line -> assertThat(line).contains(eventId + "]").doesNotContain("archive-"));
	}

}
