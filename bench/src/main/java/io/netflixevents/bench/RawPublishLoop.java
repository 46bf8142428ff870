package io.netflixevents.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;
import io.netflixevents.event.EventArchiveKey;
import io.netflixevents.event.EventJson;
import io.netflixevents.event.MovieDetailsViewedEvent;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * Case 3's ceiling: what the frontend does for an event with nothing around it. It puts the event to S3 on a pool
 * thread while it publishes it to SNS, as the frontend does, and waits for both. The bench runs it in its own JVM,
 * and through {@link #main} in a JVM of its own with the services' flags, where {@code GET /run?seconds=N} runs
 * the closed loop there and answers its result.
 */
final class RawPublishLoop implements ClosedLoop.Request, AutoCloseable {

	private static final Map<String, MessageAttributeValue> ATTRIBUTES = Map.of("eventType",
			MessageAttributeValue.builder().dataType("String").stringValue(MovieDetailsViewedEvent.TYPE).build(),
			"schemaVersion", MessageAttributeValue.builder().dataType("Number").stringValue("1").build());

	private final S3Client s3;

	private final SnsClient sns;

	private final String topicArn;

	private final ExecutorService archiving;

	RawPublishLoop(URI aws, String topicArn, int clients) {
		this.s3 = Aws.s3(aws);
		this.sns = Aws.sns(aws);
		this.topicArn = topicArn;
		this.archiving = Executors.newFixedThreadPool(clients);
	}

	@Override
	public boolean call(int worker, long sequence) {
		MovieDetailsViewedEvent event = Bench.event(worker, sequence);
		String json = EventJson.encode(event);
		CompletableFuture<?> stored = CompletableFuture.runAsync(() -> s3.putObject(p -> p.bucket(Topology.BUCKET)
			.key(EventArchiveKey.of(event)).contentType("application/json"), RequestBody.fromString(json)), archiving);
		sns.publish(p -> p.topicArn(topicArn).message(json).messageAttributes(ATTRIBUTES));
		stored.join();
		return true;
	}

	@Override
	public void close() {
		archiving.shutdown();
		s3.close();
		sns.close();
	}

	/** Arguments: the AWS endpoint, the topic's ARN, the number of clients, the port to answer {@code /run} on. */
	public static void main(String[] args) throws IOException {
		int clients = Integer.parseInt(args[2]);
		RawPublishLoop loop = new RawPublishLoop(URI.create(args[0]), args[1], clients);
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(),
				Integer.parseInt(args[3])), 0);
		server.createContext("/health", exchange -> respond(exchange, "UP"));
		server.createContext("/run", exchange -> {
			Duration duration = Duration.ofSeconds(Long.parseLong(exchange.getRequestURI().getQuery().split("=")[1]));
			try {
				ClosedLoop.Result result = ClosedLoop.run(clients, duration, loop);
				respond(exchange, result.perSecond() + " " + result.p50Millis() + " " + result.p99Millis() + " "
						+ result.ok() + " " + result.failed());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				exchange.sendResponseHeaders(503, -1); // the bench sees a failed run instead of waiting for its timeout
				exchange.close();
			}
		});
		server.start();
	}

	/** Asks the loop in the JVM on {@code port} to run for {@code duration}. */
	static ClosedLoop.Result runIn(HttpClient http, int port, Duration duration)
			throws IOException, InterruptedException {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
				+ "/run?seconds=" + duration.toSeconds())).timeout(duration.plusSeconds(30)).build(),
				HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("the raw loop's JVM answered " + response.statusCode() + "; see its log");
		}
		String[] result = response.body().split(" ");
		return new ClosedLoop.Result(Double.parseDouble(result[0]), Double.parseDouble(result[1]),
				Double.parseDouble(result[2]), Long.parseLong(result[3]), Long.parseLong(result[4]));
	}

	private static void respond(com.sun.net.httpserver.HttpExchange exchange, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(200, bytes.length);
		try (var out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
