package io.netflixevents.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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

	private final StartOutput output;

	private MotoServer(Process process, URI endpoint, StartOutput output) {
		this.process = process;
		this.endpoint = endpoint;
		this.output = output;
	}

	/**
	 * Starts moto through {@code infra/local/moto_server.py}, moto's own server with DynamoDB transactions made
	 * isolated and cheap (see there), on the project's python3 ({@link PythonTools}), and waits until it answers.
	 */
	public static MotoServer start() {
		int port = FreePorts.next();
		List<String> command = List.of(PythonTools.command("python3"), ProjectFiles.resolve("infra/local/moto_server.py").toString(), "-H",
				"127.0.0.1", "-p", String.valueOf(port));
		Process process;
		try {
			process = new ProcessBuilder(command).redirectErrorStream(true).start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot start " + String.join(" ", command), ex);
		}
		MotoServer moto = new MotoServer(process, URI.create("http://127.0.0.1:" + port), StartOutput.drain(process));
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
				.failFast("moto_server exited", () -> !process.isAlive())
				.ignoreExceptions()
				.until(() -> http.send(HttpRequest.newBuilder(endpoint).build(), HttpResponse.BodyHandlers.discarding())
					.statusCode() < 500);
		}
		catch (RuntimeException ex) {
			close();
			throw new IllegalStateException(
					"moto_server did not start on " + endpoint + ": " + ex.getMessage() + "\n" + output.text(), ex);
		}
	}

	/**
	 * The beginning of what moto printed, where it says why it did not start (another moto version, a port in use);
	 * the rest, a line per request, is read and dropped so that the pipe never fills.
	 */
	private static final class StartOutput {

		private static final int KEPT = 4096;

		private final StringBuilder text = new StringBuilder();

		static StartOutput drain(Process process) {
			StartOutput output = new StartOutput();
			Thread reader = new Thread(() -> output.read(process.getInputStream()), "moto-output");
			reader.setDaemon(true);
			reader.start();
			return output;
		}

		private void read(InputStream in) {
			try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
				for (String line = lines.readLine(); line != null; line = lines.readLine()) {
					synchronized (text) {
						if (text.length() < KEPT) {
							text.append(line).append('\n');
						}
					}
				}
			}
			catch (IOException ex) {
				// the process ended; what was read is kept
			}
		}

		String text() {
			synchronized (text) {
				return text.toString();
			}
		}

	}

}
