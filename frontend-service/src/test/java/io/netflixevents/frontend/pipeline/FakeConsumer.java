package io.netflixevents.frontend.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for a consumer service's HTTP API on a free loopback port: answers the paths it was given with fixed
 * JSON or status codes, or never answers at all until it is closed.
 */
final class FakeConsumer implements AutoCloseable {

	private final HttpServer server;

	private final Map<String, Answer> answers = new ConcurrentHashMap<>();

	private final List<String> requested = new CopyOnWriteArrayList<>();

	private final CountDownLatch closed = new CountDownLatch(1);

	private FakeConsumer(HttpServer server) {
		this.server = server;
	}

	static FakeConsumer start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			FakeConsumer fake = new FakeConsumer(server);
			server.createContext("/", fake::handle);
			server.setExecutor(Executors.newCachedThreadPool());
			server.start();
			return fake;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	FakeConsumer answering(String path, String json) {
		answers.put(path, new Answer(200, json, false));
		return this;
	}

	FakeConsumer failing(String path, int status) {
		answers.put(path, new Answer(status, "{\"title\":\"broken\"}", false));
		return this;
	}

	FakeConsumer hanging(String path) {
		answers.put(path, new Answer(0, null, true));
		return this;
	}

	URI baseUrl() {
		return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
	}

	/** The raw (still encoded) path and query of each request, in order of arrival. */
	List<String> requested() {
		return List.copyOf(requested);
	}

	private void handle(HttpExchange exchange) throws IOException {
		URI uri = exchange.getRequestURI();
		requested.add(uri.getRawPath() + (uri.getRawQuery() != null ? "?" + uri.getRawQuery() : ""));
		Answer answer = answers.get(uri.getPath());
		try (exchange) {
			if (answer == null) {
				exchange.sendResponseHeaders(404, -1);
				return;
			}
			if (answer.hangs()) {
				closed.await();
				return;
			}
			byte[] body = answer.json().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(answer.status(), body.length);
			exchange.getResponseBody().write(body);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		closed.countDown();
		server.stop(0);
	}

	private record Answer(int status, String json, boolean hangs) {
	}

}
