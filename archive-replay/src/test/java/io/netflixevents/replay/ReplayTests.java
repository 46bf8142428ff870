package io.netflixevents.replay;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.netflixevents.event.EventArchiveKey;
import io.netflixevents.event.EventAttributes;
import io.netflixevents.event.EventJson;
import io.netflixevents.event.MovieDetailsViewedEvent;
import io.netflixevents.testsupport.AwsEmulator;
import io.netflixevents.testsupport.Queues;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The replay against the emulator's S3 and SQS: an archive of four hours, with an object that is no event among
 * them, replayed in part into a queue of the test's own, all at once or in two runs.
 */
class ReplayTests {

	private static final AwsEmulator aws = AwsEmulator.shared();

	private static final S3Client s3 = aws.s3();

	private static final SqsClient sqs = aws.sqs();

	private static final SqsAsyncClient sqsAsync = aws.sqsAsync();

	private static final Queues queues = new Queues(sqs);

	private static final String BUCKET = "replay-tests-" + UUID.randomUUID().toString().substring(0, 8);

	/** Four hours from 2026-11-30T22, past midnight, five events each. */
	private static final Instant FIRST_HOUR = Instant.parse("2026-11-30T22:00:00Z");

	private static final List<List<MovieDetailsViewedEvent>> hours = new ArrayList<>();

	@TempDir
	Path scratch;

	@BeforeAll
	static void archive() {
		s3.createBucket(request -> request.bucket(BUCKET));
		for (int hour = 0; hour < 4; hour++) {
			List<MovieDetailsViewedEvent> events = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				MovieDetailsViewedEvent event = MovieDetailsViewedEvent.of(UUID.randomUUID(),
						FIRST_HOUR.plusSeconds(3600L * hour + 60L * i), "user-" + i, 100 + i, "Movie " + i,
						List.of("Drama"), "s-" + i, "web");
				s3.putObject(request -> request.bucket(BUCKET).key(EventArchiveKey.of(event)),
						RequestBody.fromString(EventJson.encode(event)));
				events.add(event);
			}
			hours.add(events);
		}
		String stray = EventArchiveKey.hourPrefix(FIRST_HOUR.plusSeconds(3600)) + "not-an-event.json";
		s3.putObject(request -> request.bucket(BUCKET).key(stray), RequestBody.fromString("{\"userId\":"));
	}

	@AfterAll
	static void closeClients() {
		s3.close();
		sqs.close();
		sqsAsync.close();
	}

	@Test
	void sendsTheValidEventsOfTheRangeWithTheirAttributesAndNothingElse() throws Exception {
		String queue = newQueue();

		replay(queue, "2026-11-30T23", "2026-12-01T00", 0);

		List<Message> received = queues.drain(queue);
		assertThat(received).extracting(message -> EventJson.decode(message.body()))
			.containsExactlyInAnyOrderElementsOf(concat(hours.get(1), hours.get(2)));
		assertThat(received).allSatisfy(message -> assertThat(message.messageAttributes())
			.containsKeys(EventAttributes.EVENT_TYPE, EventAttributes.SCHEMA_VERSION));
	}

	@Test
	void stopsAtItsLimitAndTheNextRunResumesWhereItStopped() throws Exception {
		String queue = newQueue();

		replay(queue, "2026-11-30T22", "2026-12-01T01", 7);
		List<Message> first = queues.drain(queue);
		replay(queue, "2026-11-30T22", "2026-12-01T01", 0);
		List<Message> second = queues.drain(queue);

		List<MovieDetailsViewedEvent> all = new ArrayList<>();
		hours.forEach(all::addAll);
		assertThat(first).hasSize(7);
		assertThat(concat(first, second)).extracting(message -> EventJson.decode(message.body()))
			.containsExactlyInAnyOrderElementsOf(all);
	}

	@Test
	void aReplayThatFinishedSendsNothingAgain() throws Exception {
		String queue = newQueue();
		replay(queue, "2026-11-30T22", "2026-11-30T22", 0);
		assertThat(queues.drain(queue)).hasSize(5);

		replay(queue, "2026-11-30T22", "2026-11-30T22", 0);

		assertThat(queues.drain(queue)).isEmpty();
	}

	@Test
	void refusesTheCheckpointOfAnotherReplay() throws Exception {
		String queue = newQueue();
		replay(queue, "2026-11-30T22", "2026-11-30T22", 0);

		assertThatIllegalStateException().isThrownBy(() -> replay(queue, "2026-11-30T23", "2026-11-30T23", 0))
			.withMessageContaining("the checkpoint of another replay");
		assertThat(queues.drain(queue)).hasSize(5);
	}

	private void replay(String queue, String from, String to, long limit) throws Exception {
		ReplayProperties properties = new ReplayProperties(BUCKET, "", queue, from, to, 1000,
				scratch.resolve("replay.checkpoint").toString(), limit);
		new Replay(properties, new ArchiveReader(s3, properties), new QueueSender(sqsAsync, properties)).run(null);
	}

	private static String newQueue() {
		return queues.createWithDeadLetterQueue("replay", 30, 5);
	}

	private static <T> List<T> concat(List<T> first, List<T> second) {
		List<T> all = new ArrayList<>(first);
		all.addAll(second);
		return all;
	}

}
