package io.netflixevents.bench.capacity;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.netflixevents.bench.ServiceProcess;
import io.netflixevents.event.EventJson;
import io.netflixevents.event.MovieDetailsViewedEvent;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * One service of one design through the model: rounds of events sent straight to its queue (raw, as the SNS
 * subscription delivers them), each round waited out until every event is applied (or the queue is empty and the
 * event path quiet), then a few quiet seconds that measure the background alone, then the read APIs called one after
 * the other, every read during a call billed to that call.
 */
final class ServiceRun {

	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2)).build();

	/** The read APIs every consumer has; {id} is an applied event's id. */
	static final List<String> COMMON_APIS = List.of("/api/applied-events", "/api/applied-events/count",
			"/api/applied-events/{id}");

	static final Map<String, String> OWN_API = Map.of("recommendation", "/api/recommendations/{userId}", "search",
			"/api/search/trending", "streaming", "/api/streaming/prefetch", "user", "/api/users/{userId}/history");

	final String design;

	final String service;

	final CapacityRecorder recorder;

	final Tally eventReads = new Tally();

	final Tally idleReads = new Tally();

	final Map<String, ApiStats> apis = new LinkedHashMap<>();

	/** WRU per event of each round: the trend shows whether the figures reached a steady state. */
	final List<Double> roundWriteUnitsPerEvent = new ArrayList<>();

	long sent;

	long lost;

	double eventSeconds;

	double idleSeconds;

	double wallSeconds;

	private final URI base;

	private final ServiceProcess process;

	private final SqsClient sqs;

	private final String queueUrl;

	private final Workload callers;

	private final Random random = new Random(7);

	ServiceRun(String design, String service, CapacityRecorder recorder, ServiceProcess process, URI base,
			SqsClient sqs, String queueUrl, long seed) {
		this.design = design;
		this.service = service;
		this.recorder = recorder;
		this.process = process;
		this.base = base;
		this.sqs = sqs;
		this.queueUrl = queueUrl;
		this.callers = new Workload(seed);
		apis.put(OWN_API.get(service), new ApiStats(OWN_API.get(service)));
		COMMON_APIS.forEach(path -> apis.put(path, new ApiStats(path)));
	}

	/** Runs the rounds until the events are all sent or the budget is spent. */
	void run(List<MovieDetailsViewedEvent> events, int rounds, int callsPerApi, Duration quiet, Duration budget)
			throws Exception {
		long start = System.nanoTime();
		long deadline = start + budget.toNanos();
		int perRound = (events.size() + rounds - 1) / rounds;
		for (int round = 0; round < rounds && System.nanoTime() < deadline; round++) {
			double unitsBefore = recorder.eventWrites.units();
			long appliedBefore = recorder.applied.get();
			recorder.readsTo(eventReads);
			long roundStart = System.nanoTime();
			List<MovieDetailsViewedEvent> batch = events.subList(round * perRound,
					Math.min(events.size(), (round + 1) * perRound));
			send(batch);
			awaitApplied(Math.max(deadline, System.nanoTime() + Duration.ofSeconds(30).toNanos()));
			eventSeconds += (System.nanoTime() - roundStart) / 1e9;
			long appliedInRound = recorder.applied.get() - appliedBefore;
			roundWriteUnitsPerEvent.add((recorder.eventWrites.units() - unitsBefore) / Math.max(1, appliedInRound));
			log(String.format("round %d: %d sent, %d applied in %.0f s", round + 1, batch.size(), appliedInRound,
					(System.nanoTime() - roundStart) / 1e9));

			long idleStart = System.nanoTime();
			recorder.readsTo(idleReads);
			Thread.sleep(quiet.toMillis());
			callApis(callsPerApi);
			idleSeconds += (System.nanoTime() - idleStart) / 1e9;
		}
		lost = sent - recorder.applied.get();
		wallSeconds = (System.nanoTime() - start) / 1e9;
	}

	private void send(List<MovieDetailsViewedEvent> batch) {
		for (int i = 0; i < batch.size(); i += 10) {
			List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
			for (int j = i; j < Math.min(batch.size(), i + 10); j++) {
				entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(j - i))
					.messageBody(EventJson.encode(happenedNow(batch.get(j)))).build());
			}
			sqs.sendMessageBatch(request -> request.queueUrl(queueUrl).entries(entries));
			sent += entries.size();
		}
	}

	/** The event as if it happened just now, up to two seconds ago: the services count views by when they happened. */
	private MovieDetailsViewedEvent happenedNow(MovieDetailsViewedEvent event) {
		return new MovieDetailsViewedEvent(event.eventId(), event.eventType(), event.schemaVersion(),
				java.time.Instant.now().minusMillis(random.nextInt(2000)), event.userId(), event.movieId(),
				event.movieTitle(), event.genres(), event.sessionId(), event.device());
	}

	/**
	 * Until every sent event is applied, or the queue holds nothing (visible or in flight) and the event path wrote
	 * nothing for three seconds (events that failed for good are in the dead-letter queue), or the deadline: then
	 * the queue is purged.
	 */
	private void awaitApplied(long deadline) throws InterruptedException {
		while (recorder.applied.get() < sent) {
			if (System.nanoTime() > deadline) {
				log("round not applied by the deadline: purging the queue");
				sqs.purgeQueue(request -> request.queueUrl(queueUrl));
				Thread.sleep(3000);
				return;
			}
			if (recorder.nanosSinceEventWrite() > Duration.ofSeconds(3).toNanos() && queueEmpty()) {
				return;
			}
			Thread.sleep(250);
		}
	}

	private boolean queueEmpty() {
		return sqs.getQueueAttributes(request -> request.queueUrl(queueUrl)
			.attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
					QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
			.attributes()
			.values()
			.stream()
			.allMatch("0"::equals);
	}

	/** Each API in turn, one call at a time; the first call of a user API asks for the most active user. */
	private void callApis(int callsPerApi) throws Exception {
		for (ApiStats api : apis.values()) {
			for (int i = 0; i < callsPerApi; i++) {
				String path = api.path.replace("{userId}", i == 0 ? Workload.userId(1) : callers.activeUser())
					.replace("{id}", appliedId());
				Tally call = new Tally();
				recorder.readsTo(call);
				HttpResponse<String> response = send(path);
				recorder.readsTo(idleReads);
				api.add(call, response.statusCode() == 200);
				if (response.statusCode() != 200) {
					log(path + " answered " + response.statusCode() + ": " + response.body());
				}
			}
		}
	}

	/** A call that takes over 30 s has hung: the service's threads go to its log, and the bench's to standard error. */
	private HttpResponse<String> send(String path) throws Exception {
		try {
			return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (HttpTimeoutException ex) {
			log(path + " did not answer within 30 s; its threads are in " + process.appendThreadDump()
					+ ", the bench's (and the recording proxy's) follow");
			Thread.getAllStackTraces().forEach((thread, stack) -> {
				System.err.println("\"" + thread.getName() + "\" " + thread.getState());
				for (StackTraceElement frame : stack) {
					System.err.println("\tat " + frame);
				}
			});
			throw ex;
		}
	}

	private String appliedId() {
		List<String> ids = recorder.appliedIds;
		synchronized (ids) {
			return ids.isEmpty() ? "00000000-0000-0000-0000-000000000000" : ids.get(random.nextInt(ids.size()));
		}
	}

	URI base() {
		return base;
	}

	private void log(String message) {
		CapacityModel.log(design + " " + service + ": " + message);
	}

}
