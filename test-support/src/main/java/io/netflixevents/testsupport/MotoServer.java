package io.netflixevents.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

/**
 * moto on a free loopback port. Closing it ends the process this class started, and only that one.
 */
public final class MotoServer implements AutoCloseable {

	/** The account moto puts in every ARN and queue URL it makes. */
	public static final String ACCOUNT = "123456789012";

	private static final Duration STARTUP = Duration.ofSeconds(30);

	private final Process process;

	private final URI endpoint;

	private MotoServer(Process process, URI endpoint) {
		this.process = process;
		this.endpoint = endpoint;
	}

	/**
	 * Starts moto through {@code infra/local/moto_server.py}, moto's own server with DynamoDB transactions made
	 * isolated and cheap (see there), and waits until it answers.
	 */
	public static MotoServer start() {
		int port = FreePorts.next();
		List<String> command = List.of("python3", ProjectFiles.resolve("infra/local/moto_server.py").toString(), "-H",
				"127.0.0.1", "-p", String.valueOf(port));
		Process process;
		try {
			process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot start moto_server; install it with: pip install 'moto[server]'",
					ex);
		}
		MotoServer moto = new MotoServer(process, URI.create("http://127.0.0.1:" + port));
		moto.awaitAnswering();
		return moto;
	}

	public URI endpoint() {
		return endpoint;
	}

	/** What a script needs in its environment to talk to this moto, and nothing of the developer's own AWS setup. */
	public Map<String, String> environment() {
		return AwsEnvironment.of(endpoint);
	}

	@Override
	public void close() {
		process.destroy();
		try {
			if (!process.waitFor(5, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
		}
	}

	private void awaitAnswering() {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		try {
			Awaitility.await("moto_server answering at " + endpoint)
				.atMost(STARTUP)
				.pollInterval(Duration.ofMillis(100))
				.failFast("moto_server exited (is it installed? pip install 'moto[server]')", () -> !process.isAlive())
				.ignoreExceptions()
				.until(() -> http.send(HttpRequest.newBuilder(endpoint).build(), HttpResponse.BodyHandlers.discarding())
					.statusCode() < 500);
		}
		catch (RuntimeException ex) {
			close();
			throw new IllegalStateException("moto_server did not start on " + endpoint + ": " + ex.getMessage(), ex);
		}
	}

}
