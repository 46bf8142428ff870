package io.netflixevents.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link FaultProxy} in front of a real HTTP server, called with the JDK's HTTP client on kept-alive connections:
 * bytes pass unchanged, a cut path fails calls until it is restored, and the latency holds each request (not only a
 * connection's first) at least as long as asked.
 */
class FaultProxyTests {

	private static final Duration LATENCY = Duration.ofMillis(300);

	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final AtomicInteger served = new AtomicInteger();

	private HttpServer upstream;

	@BeforeEach
	void startUpstream() throws IOException {
		upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		upstream.createContext("/", exchange -> {
			byte[] body = ("answer " + served.incrementAndGet()).getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		upstream.start();
	}

	@AfterEach
	void stopUpstream() {
		upstream.stop(0);
	}

	@Test
	void passesRequestsAndFailsThemWhileCut() throws Exception {
		try (FaultProxy proxy = FaultProxy.start(upstreamUri())) {
			assertThat(get(proxy).body()).isEqualTo("answer 1");

			proxy.cut();
			assertThatExceptionOfType(IOException.class).isThrownBy(() -> get(proxy));

			proxy.restore();
			assertThat(get(proxy).body()).isEqualTo("answer 2");
		}
	}

	@Test
	void delaysEveryRequestOnAKeptAliveConnection() throws Exception {
		try (FaultProxy proxy = FaultProxy.withLatency(upstreamUri(), LATENCY)) {
			for (int i = 1; i <= 3; i++) {
				long started = System.nanoTime();
				HttpResponse<String> response = get(proxy);
				assertThat(response.body()).isEqualTo("answer " + i);
				assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(LATENCY);
			}
			assertThat(proxy.forwardedConnections()).as("the three requests shared one connection").isEqualTo(1);
		}
	}

	private HttpResponse<String> get(FaultProxy proxy) throws IOException, InterruptedException {
		return client.send(HttpRequest.newBuilder(proxy.endpoint().resolve("/")).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private URI upstreamUri() {
		return URI.create("http://127.0.0.1:" + upstream.getAddress().getPort());
	}

}
