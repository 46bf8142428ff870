package io.netflixevents.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.netflixevents.event.MovieDetailsViewedEvent;
import io.netflixevents.testsupport.AwsEmulator;
import io.netflixevents.testsupport.Processes;
import io.netflixevents.testsupport.ProjectFiles;
import io.netflixevents.testsupport.RunningSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code archive-replay} against the real services, as a process: replaying into user-service what it applied
 * already changes nothing, and replaying the archive into a second user-service with an empty table, on a queue of
 * its own, builds the same views as live application did. The frontend archives into a bucket of this class's own,
 * so that the replay reads exactly the events posted here.
 */
class ReplayIT {

	private static final String USER_SERVICE = "user-service";

	private static final Duration APPLIED_WITHIN = Duration.ofSeconds(90);

	private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC);

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final String BUCKET = "replay-it-" + UUID.randomUUID().toString().substring(0, 8);

	private static AwsEmulator aws;

	private static Deliveries live;

	private static RunningSystem system;

	private static List<MovieDetailsViewedEvent> events;

	@TempDir
	Path scratch;

	@BeforeAll
	static void applyEventsLive() {
		aws = AwsEmulator.shared();
		try (S3Client s3 = aws.s3()) {
			s3.createBucket(request -> request.bucket(BUCKET));
		}
		live = new Deliveries(aws).withFreshTables(List.of(USER_SERVICE), "replay-live");
		live.queues().purge(live.queues().urlOf(RunningSystem.queueNameOf(USER_SERVICE)));
		system = RunningSystem.builder(aws)
			.consumers(USER_SERVICE)
			.environment(USER_SERVICE, "AWS_DYNAMODB_TABLE", live.tableOf(USER_SERVICE))
			.environment(RunningSystem.FRONTEND, "AWS_S3_BUCKET", BUCKET)
			// its archive completion would store in this bucket the events other classes left in the archive queue
			.environment(RunningSystem.FRONTEND, "ARCHIVE_COMPLETION", "false")
			.start();
		EventTraffic traffic = new EventTraffic(system::frontendUrl);
		events = EventTraffic.newEvents("replay", 30, 4, 12);
		events.forEach(event -> traffic.postUntilAccepted(event, Duration.ofSeconds(30)));
		live.awaitAppliedExactlyOnce(system, USER_SERVICE, EventTraffic.idsOf(events), APPLIED_WITHIN);
	}

	@AfterAll
	static void stopSystem() {
		if (system != null) {
			system.close();
		}
		if (live != null) {
			// the topic delivered this class's events to the queues of the services not running here: leave them
			// empty, or the next class's consumers would apply them into their views
			for (String queue : List.of("netflix-events-recommendation", "netflix-events-search",
					"netflix-events-streaming", "netflix-events-archive")) {
				live.queues().purge(live.queues().urlOf(queue));
			}
			live.close();
		}
	}

	@Test
	void replayingWhatAServiceAppliedChangesNothing() {
		String queue = live.queues().urlOf(RunningSystem.queueNameOf(USER_SERVICE));
		Map<String, String> before = histories(system);

		Processes.Result replay = replay(Map.of("REPLAY_SERVICE", "user"));

		assertThat(replay.succeeded()).as(replay.toString()).isTrue();
		assertThat(replay.output()).contains("sent " + events.size());
		live.awaitDrained(queue, APPLIED_WITHIN);
		assertThat(live.applications(system, USER_SERVICE)).isEqualTo(events.size());
		assertThat(live.markers(USER_SERVICE)).isEqualTo(events.size());
		assertThat(histories(system)).isEqualTo(before);
	}

	@Test
	void replayingTheArchiveIntoAnEmptyTableBuildsTheSameViews() {
		try (Deliveries rebuilt = new Deliveries(aws).withFreshTables(List.of(USER_SERVICE), "replay-rebuilt")) {
			String queue = rebuilt.queues().createWithDeadLetterQueue("replay-rebuild", 30, 5);
			try (RunningSystem second = RunningSystem.builder(aws)
				.withoutFrontend()
				.consumers(USER_SERVICE)
				.environment(USER_SERVICE, "AWS_SQS_QUEUE_URL", queue)
				.environment(USER_SERVICE, "AWS_DYNAMODB_TABLE", rebuilt.tableOf(USER_SERVICE))
				.start()) {

				Processes.Result replay = replay(Map.of("REPLAY_QUEUE", queue));

				assertThat(replay.succeeded()).as(replay.toString()).isTrue();
				rebuilt.awaitAppliedExactlyOnce(second, USER_SERVICE, EventTraffic.idsOf(events), APPLIED_WITHIN);
				assertThat(histories(second)).isEqualTo(histories(system));
			}
		}
	}

	/** Runs the replay's jar over the hours the events occurred in, with its checkpoint in this test's folder. */
	private Processes.Result replay(Map<String, String> target) {
		Map<String, String> environment = new HashMap<>(aws.environment());
		environment.putAll(target);
		environment.putAll(Map.of("AWS_S3_BUCKET", BUCKET, "REPLAY_FROM", HOUR.format(first()), "REPLAY_TO",
				HOUR.format(Instant.now()), "REPLAY_RATE", "1000", "REPLAY_CHECKPOINT",
				scratch.resolve("replay.checkpoint").toString()));
		String jar = ProjectFiles.resolve("archive-replay/target/archive-replay.jar").toString();
		return Processes.execute(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar),
				environment, Duration.ofSeconds(120));
	}

	private static Instant first() {
		return events.stream().map(MovieDetailsViewedEvent::occurredAt).min(Instant::compareTo).orElseThrow();
	}

	/** Each user's history as the service answers it. */
	private static Map<String, String> histories(RunningSystem running) {
		Map<String, String> histories = new HashMap<>();
		Set<String> users = new java.util.TreeSet<>(events.stream().map(MovieDetailsViewedEvent::userId).toList());
		for (String user : users) {
			histories.put(user, get(running.urlOf(USER_SERVICE) + "/api/users/" + user + "/history"));
		}
		return histories;
	}

	private static String get(String url) {
		try {
			HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(url).isEqualTo(200);
			return response.body();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
