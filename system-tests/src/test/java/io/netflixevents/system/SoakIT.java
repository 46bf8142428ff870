package io.netflixevents.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.netflixevents.event.EventJson;
import io.netflixevents.event.MovieDetailsViewedEvent;
import io.netflixevents.testsupport.AwsEmulator;
import io.netflixevents.testsupport.RunningSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;

import static io.netflixevents.testsupport.RunningSystem.CONSUMERS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The soak: {@code soak.events} events (10,000 unless told) at a steady {@code soak.rate} per second
 * through the whole fan-out, with duplicates injected (every 20th event posted again, as a client's retry; every
 * 50th sent again straight into one service's queue, in turn) and {@code soak.poison} unparseable messages published
 * to the topic. Prints, and writes to {@code target/soak-report.txt}: accepted, archived, applied per service,
 * duplicates injected, dead-lettered, lost and double-applied, which must be 0.
 * <p>
 * Only in the {@code soak} profile: {@code ./mvnw -pl system-tests verify -Psoak}, about 25 minutes on two cores. The
 * default 8 events/s is what moto, one Python process serving S3, SNS, SQS and the four tables, sustains here with
 * every queue kept short; above it the queues grow, and moto's SQS slows down with their depth.
 */
class SoakIT {

	private static final int EVENTS = Integer.getInteger("soak.events", 10_000);

	private static final double RATE = Double.parseDouble(System.getProperty("soak.rate", "8"));

	private static final int POISON = Integer.getInteger("soak.poison", 4);

	private static final Duration DRAIN = Duration.ofMinutes(Long.getLong("soak.drain-minutes", 60));

	private static Deliveries deliveries;

	private static RunningSystem system;

	@BeforeAll
	static void startSystem() {
		AwsEmulator aws = AwsEmulator.shared();
		deliveries = new Deliveries(aws).withFreshTables(CONSUMERS, "soak");
		for (String consumer : CONSUMERS) {
			deliveries.queues().purge(deliveries.queues().urlOf(RunningSystem.queueNameOf(consumer)));
			deliveries.queues().purge(deliveries.queues().urlOf(RunningSystem.queueNameOf(consumer) + "-dlq"));
		}
		RunningSystem.Builder builder = RunningSystem.builder(aws);
		CONSUMERS.forEach(consumer -> builder.environment(consumer, "AWS_DYNAMODB_TABLE", deliveries.tableOf(consumer)));
		system = builder.start();
	}

	@AfterAll
	static void stopSystem() {
		if (system != null) {
			system.close();
		}
		if (deliveries != null) {
			deliveries.close();
		}
	}

	@Test
	void steadyLoadThroughTheWholeFanOutLosesNothingAndAppliesNothingTwice() throws IOException {
		long started = System.nanoTime();
		EventTraffic traffic = new EventTraffic(system::frontendUrl);
		List<MovieDetailsViewedEvent> events = EventTraffic.newEvents("soak", EVENTS, 500, 300);
		List<MovieDetailsViewedEvent> schedule = new ArrayList<>(events);
		int retried = 0;
		for (int i = 19; i < events.size(); i += 20) { // a client's retry of an accepted event, a little later
			schedule.add(Math.min(schedule.size(), i + 30 + retried), events.get(i));
			retried++;
		}
		EventTraffic.Load load = traffic.start(schedule, RATE);

		int sentStraight = 0;
		try (SnsClient sns = AwsEmulator.shared().sns()) {
			String topicArn = sns.createTopic(request -> request.name("netflix-events-topic")).topicArn();
			for (int i = 0; i < POISON; i++) {
				String body = "soak poison " + i + " {";
				sns.publish(request -> request.topicArn(topicArn).message(body));
			}
		}
		List<MovieDetailsViewedEvent> accepted = load.awaitAccepted(
				Duration.ofSeconds((long) (schedule.size() / RATE)).plus(Duration.ofMinutes(10)));
		for (int i = 49; i < events.size(); i += 50) { // a redelivery straight into one queue
			String queueUrl = deliveries.queues().urlOf(RunningSystem.queueNameOf(CONSUMERS.get(i / 50 % 4)));
			String json = EventJson.encode(events.get(i));
			deliveries.sqs().sendMessage(request -> request.queueUrl(queueUrl).messageBody(json));
			sentStraight++;
		}
		Duration posting = Duration.ofNanos(System.nanoTime() - started);

		Set<UUID> ids = EventTraffic.idsOf(accepted);
		for (String consumer : CONSUMERS) {
			deliveries.awaitAppliedExactlyOnce(system, consumer, ids, DRAIN);
			deliveries.awaitDrained(deliveries.queues().urlOf(RunningSystem.queueNameOf(consumer)), DRAIN);
		}
		Map<UUID, Integer> archived = deliveries.archivedCopies();
		long archivedOnce = ids.stream().filter(id -> archived.getOrDefault(id, 0) == 1).count();
		Map<String, long[]> perService = new LinkedHashMap<>();
		int deadLettered = 0;
		for (String consumer : CONSUMERS) {
			long applications = deliveries.applications(system, consumer);
			long markers = deliveries.markers(consumer);
			long marked = deliveries.markedApplied(consumer, ids).size();
			perService.put(consumer, new long[] { applications, markers, ids.size() - marked, applications - markers });
			deadLettered += deliveries.queues()
				.depth(deliveries.queues().urlOf(RunningSystem.queueNameOf(consumer) + "-dlq"));
		}
		Duration total = Duration.ofNanos(System.nanoTime() - started);

		StringBuilder report = new StringBuilder();
		report.append(String.format("Soak: %d events at %.1f/s through the fan-out (%s posting, %s until all applied)%n",
				EVENTS, RATE, posting.withNanos(0), total.withNanos(0)));
		report.append(String.format("  accepted (202, distinct)   %d of %d POSTs%n", ids.size(), traffic.posts()));
		report.append(String.format("  archived in S3, one each   %d%n", archivedOnce));
		report.append(String.format("  duplicates injected        %d client retries + %d sent straight into a queue%n",
				retried, sentStraight));
		report.append(String.format("  poison published           %d (x4 queues)%n", POISON));
		report.append(String.format("  dead-lettered              %d%n", deadLettered));
		report.append(String.format("  %-24s %12s %12s %6s %14s%n", "service", "applications", "distinct", "lost",
				"double-applied"));
		perService.forEach((consumer, figures) -> report.append(String.format("  %-24s %12d %12d %6d %14d%n", consumer,
				figures[0], figures[1], figures[2], figures[3])));
		System.out.print(report);
		Files.writeString(Files.createDirectories(Path.of("target")).resolve("soak-report.txt"), report);

		assertThat(ids).hasSize(EVENTS);
		assertThat(archivedOnce).isEqualTo(EVENTS);
		assertThat(deadLettered).isEqualTo(POISON * CONSUMERS.size());
		perService.forEach((consumer, figures) -> {
			assertThat(figures[0]).as(consumer + " applications").isEqualTo(EVENTS);
			assertThat(figures[1]).as(consumer + " distinct events applied").isEqualTo(EVENTS);
			assertThat(figures[2]).as(consumer + " lost").isZero();
			assertThat(figures[3]).as(consumer + " double-applied").isZero();
		});
	}

}
