package io.netflixevents.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.netflixevents.event.EventArchiveKey;
import io.netflixevents.event.EventJson;
import io.netflixevents.event.MovieDetailsViewedEvent;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The way the tutorial says not to do it, for comparison: a frontend that archives the event in S3 and then calls the
 * four services over HTTP, one after the other, answering only when all four did their work. The four services live
 * in this process on the next four ports and sleep {@code /sleep?ms=N} milliseconds per call (their "work").
 * <p>
 * Usage: {@code NaiveFrontend <port> <s3 endpoint> <bucket>}; services on port+1..port+4.
 */
public final class NaiveFrontend {

	private static final Pattern USER = Pattern.compile("\"userId\"\\s*:\\s*\"([^\"]*)\"");

	private static final Pattern MOVIE = Pattern.compile("\"movieId\"\\s*:\\s*(\\d+)");

	private static volatile long workMillis;

	private NaiveFrontend() {
	}

	public static void main(String[] args) throws IOException {
		int port = Integer.parseInt(args[0]);
		S3Client s3 = Aws.s3(URI.create(args[1]));
		String bucket = args[2];
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
			.executor(Executors.newFixedThreadPool(8)).build();
		for (int i = 1; i <= 4; i++) {
			HttpServer service = server(port + i);
			service.createContext("/work", exchange -> {
				drain(exchange);
				sleep(workMillis);
				respond(exchange, 200, "{}");
			});
			service.start();
		}
		HttpServer frontend = server(port);
		frontend.createContext("/sleep", exchange -> {
			workMillis = Long.parseLong(exchange.getRequestURI().getQuery().replace("ms=", ""));
			respond(exchange, 200, "{}");
		});
		frontend.createContext("/actuator/health", exchange -> respond(exchange, 200, "{\"status\":\"UP\"}"));
		frontend.createContext("/api/events/movie-details-viewed", exchange -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			Matcher user = USER.matcher(body);
			Matcher movie = MOVIE.matcher(body);
			if (!user.find() || !movie.find()) {
				respond(exchange, 400, "{}");
				return;
			}
			MovieDetailsViewedEvent event = MovieDetailsViewedEvent.of(UUID.randomUUID(), Instant.now(), user.group(1),
					Long.parseLong(movie.group(1)), null, null, null, null);
			String json = EventJson.encode(event);
			try {
				s3.putObject(put -> put.bucket(bucket).key(EventArchiveKey.of(event)).contentType("application/json"),
						RequestBody.fromString(json));
				for (int i = 1; i <= 4; i++) {
					HttpResponse<Void> answer = http.send(
							HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + (port + i) + "/work"))
								.timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(json))
								.build(),
							HttpResponse.BodyHandlers.discarding());
					if (answer.statusCode() != 200) {
						throw new IOException("service " + i + " answered " + answer.statusCode());
					}
				}
				respond(exchange, 202, "{\"eventId\":\"" + event.eventId() + "\"}");
			}
			catch (Exception ex) {
				respond(exchange, 503, "{}");
			}
		});
		frontend.start();
		System.out.println("naive frontend on " + port);
	}

	private static HttpServer server(int port) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
		server.setExecutor(Executors.newFixedThreadPool(64));
		return server;
	}

	private static void drain(HttpExchange exchange) throws IOException {
		try (InputStream in = exchange.getRequestBody()) {
			in.readAllBytes();
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void respond(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
		exchange.close();
	}

}
