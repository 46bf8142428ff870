package io.netflixevents.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An HTTP proxy on a free loopback port in front of an emulator's DynamoDB endpoint, that sees every call as
 * DynamoDB's JSON protocol has it: the operation (from {@code X-Amz-Target}) and the request and response bodies. An
 * {@link Interceptor} may answer a call itself (an injected AWS error, in AWS's wire format) or watch what the
 * emulator answered (to bill it). Services reach it through {@link RunningSystem#DYNAMODB_ENDPOINT_VARIABLE}.
 */
public final class DynamoDbProxy implements AutoCloseable {

	/** Hop-by-hop and length headers that the JDK's client and server set themselves. */
	private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade",
			"transfer-encoding", "keep-alive");

	private final URI target;

	private final Interceptor interceptor;

	private final HttpServer server;

	private final ExecutorService threads;

	private final HttpClient client;

	private DynamoDbProxy(URI target, Interceptor interceptor) throws IOException {
		this.target = target;
		this.interceptor = interceptor;
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
		this.threads = daemonThreads();
		this.client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.executor(threads)
			.build();
		server.setExecutor(threads);
		server.createContext("/", this::handle);
	}

	/** Starts a proxy in front of {@code target} (an emulator's endpoint) that passes every call to the interceptor. */
	public static DynamoDbProxy start(URI target, Interceptor interceptor) {
		try {
			DynamoDbProxy proxy = new DynamoDbProxy(target, interceptor);
			proxy.server.start();
			return proxy;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Where services send their DynamoDB calls instead: {@code http://127.0.0.1:<port>}. */
	public URI endpoint() {
		return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			byte[] body = exchange.getRequestBody().readAllBytes();
			String targetHeader = exchange.getRequestHeaders().getFirst("X-Amz-Target");
			Call call = new Call(targetHeader == null ? "" : targetHeader.substring(targetHeader.indexOf('.') + 1),
					new String(body, StandardCharsets.UTF_8));
			Answer answer = interceptor.before(call);
			if (answer == null) {
				answer = forward(exchange, body);
				interceptor.after(call, answer);
			}
			reply(exchange, answer);
		}
		catch (IOException | RuntimeException ex) {
			// the client sees a dropped connection, as it would if the endpoint failed
			exchange.close();
		}
	}

	private Answer forward(HttpExchange exchange, byte[] body) throws IOException {
		HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI()))
			.timeout(Duration.ofSeconds(60))
			.method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
		exchange.getRequestHeaders().forEach((name, values) -> {
			if (!RESTRICTED.contains(name.toLowerCase())) {
				values.forEach(value -> request.header(name, value));
			}
		});
		try {
			HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
			Map<String, String> headers = new LinkedHashMap<>();
			response.headers().map().forEach((name, values) -> {
				if (!RESTRICTED.contains(name.toLowerCase()) && !name.startsWith(":")) {
					headers.put(name, values.get(0));
				}
			});
			return new Answer(response.statusCode(), headers, new String(response.body(), StandardCharsets.UTF_8));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while forwarding", ex);
		}
	}

	private static void reply(HttpExchange exchange, Answer answer) throws IOException {
		byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
		answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
		exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private static ExecutorService daemonThreads() {
		AtomicInteger ids = new AtomicInteger();
		return Executors.newCachedThreadPool(task -> {
			Thread thread = new Thread(task, "dynamodb-proxy-" + ids.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	@Override
	public void close() {
		server.stop(0);
		threads.shutdownNow();
	}

	/** What a proxy does with the calls it sees; both methods run on the call's own thread, before and after. */
	public interface Interceptor {

		/** An answer to send instead of forwarding the call, or {@code null} to forward it. */
		default Answer before(Call call) {
			return null;
		}

		/** What the emulator answered to a forwarded call. */
		default void after(Call call, Answer answer) {
		}

	}

	/**
	 * One DynamoDB call.
	 * @param operation e.g. {@code TransactWriteItems}
	 * @param body the request's JSON
	 */
	public record Call(String operation, String body) {
	}

	/**
	 * An HTTP answer.
	 * @param status e.g. 200, or 400 for most AWS errors
	 * @param headers response headers (without hop-by-hop and length headers)
	 * @param body the response's JSON
	 */
	public record Answer(int status, Map<String, String> headers, String body) {
	}

}
