package io.netflixevents.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.netflixevents.event.MovieDetailsViewedEvent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Clients of the frontend. Each event is posted with its own {@code eventId} and {@code occurredAt}, so a retry after
 * a {@code 503} or a lost connection is the same event, as the frontend asks of its clients. {@link #start} plays
 * many clients at a steady rate.
 */
final class EventTraffic {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

	private static final Duration RETRY_PAUSE = Duration.ofMillis(250);

	private final Supplier<String> frontendUrl;

	private final AtomicInteger posts = new AtomicInteger();

	/** @param frontendUrl asked before every request, so that a restarted frontend is found */
	EventTraffic(Supplier<String> frontendUrl) {
		this.frontendUrl = frontendUrl;
	}

	/** A new event of a user viewing a movie's details, as a client would send it. */
	static MovieDetailsViewedEvent newEvent(String userId, long movieId) {
		return MovieDetailsViewedEvent.of(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MILLIS), userId,
				movieId, "Movie " + movieId, List.of("Drama"), "session-" + userId, "fault-test");
	}

	/** {@code count} new events of {@code users} users viewing {@code movies} movies, at random. */
	static List<MovieDetailsViewedEvent> newEvents(String prefix, int count, int users, int movies) {
		List<MovieDetailsViewedEvent> events = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			ThreadLocalRandom random = ThreadLocalRandom.current();
			events.add(newEvent(prefix + "-user-" + random.nextInt(users), 1 + random.nextInt(movies)));
		}
		return events;
	}

	static Set<UUID> idsOf(Collection<MovieDetailsViewedEvent> events) {
		Set<UUID> ids = ConcurrentHashMap.newKeySet();
		events.forEach(event -> ids.add(event.eventId()));
		return ids;
	}

	/** The frontend's answer; {@code status} -1 when no answer came (refused, reset, timed out). */
	record Answer(int status, String body, Duration took) {

		boolean accepted() {
			return status == 202;
		}

		JsonNode json() {
			return JSON.readTree(body);
		}

	}

	/** How many POSTs were sent so far, retries included. */
	int posts() {
		return posts.get();
	}

	Answer post(MovieDetailsViewedEvent event) {
		ObjectNode body = JSON.createObjectNode()
			.put("eventId", event.eventId().toString())
			.put("occurredAt", event.occurredAt().toString())
			.put("userId", event.userId())
			.put("movieId", event.movieId())
			.put("movieTitle", event.movieTitle())
			.put("sessionId", event.sessionId())
			.put("device", event.device());
		event.genres().forEach(body.putArray("genres")::add);
		HttpRequest request = HttpRequest
			.newBuilder(URI.create(frontendUrl.get() + "/api/events/movie-details-viewed"))
			.timeout(REQUEST_TIMEOUT)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
			.build();
		long start = System.nanoTime();
		posts.incrementAndGet();
		try {
			HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.body(), Duration.ofNanos(System.nanoTime() - start));
		}
		catch (IOException ex) {
			return new Answer(-1, ex.toString(), Duration.ofNanos(System.nanoTime() - start));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Answer(-1, ex.toString(), Duration.ofNanos(System.nanoTime() - start));
		}
	}

	/**
	 * Posts the event until the frontend accepts it, as a client does: a {@code 503} or a lost connection is retried
	 * with the same event; any other answer is a failure.
	 */
	Answer postUntilAccepted(MovieDetailsViewedEvent event, Duration within) {
		long deadline = System.nanoTime() + within.toNanos();
		while (true) {
			Answer answer = post(event);
			if (answer.accepted()) {
				return answer;
			}
			if ((answer.status() != 503 && answer.status() != -1) || System.nanoTime() > deadline) {
				throw new AssertionError("event " + event.eventId() + " not accepted: " + answer);
			}
			pause(RETRY_PAUSE);
		}
	}

	/**
	 * Posts the events in their order at a steady rate, each until it is accepted, from as many concurrent clients
	 * as the rate needs.
	 */
	Load start(List<MovieDetailsViewedEvent> events, double perSecond) {
		return new Load(events, perSecond);
	}

	/** Events being posted in the background. */
	final class Load {

		private final ScheduledExecutorService clients = Executors.newScheduledThreadPool(32, task -> {
			Thread thread = new Thread(task, "event-traffic");
			thread.setDaemon(true);
			return thread;
		});

		private final int total;

		private final ConcurrentLinkedQueue<MovieDetailsViewedEvent> accepted = new ConcurrentLinkedQueue<>();

		private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();

		private final AtomicInteger done = new AtomicInteger();

		private Load(List<MovieDetailsViewedEvent> events, double perSecond) {
			this.total = events.size();
			long intervalNanos = (long) (1_000_000_000L / perSecond);
			for (int i = 0; i < events.size(); i++) {
				MovieDetailsViewedEvent event = events.get(i);
				clients.schedule(() -> {
					try {
						postUntilAccepted(event, Duration.ofSeconds(90));
						accepted.add(event);
					}
					catch (Throwable ex) {
						failures.add(ex);
					}
					finally {
						done.incrementAndGet();
					}
				}, i * intervalNanos, TimeUnit.NANOSECONDS);
			}
		}

		/** How many events the frontend accepted so far. */
		int acceptedSoFar() {
			return accepted.size();
		}

		/** Waits until every event was posted and accepted, and returns them in the order they were accepted. */
		List<MovieDetailsViewedEvent> awaitAccepted(Duration within) {
			clients.shutdown();
			try {
				if (!clients.awaitTermination(within.toMillis(), TimeUnit.MILLISECONDS)) {
					clients.shutdownNow();
					throw new AssertionError(
							"only " + done.get() + " of " + total + " events were posted within " + within);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
			if (!failures.isEmpty()) {
				AssertionError error = new AssertionError(
						failures.size() + " of " + total + " events were not accepted; the first: " + failures.peek());
				failures.forEach(error::addSuppressed);
				throw error;
			}
			return List.copyOf(accepted);
		}

	}

	/** A client's pause between two requests; not a wait for a condition. */
	static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
