package io.netflixevents.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.Yaml;

/**
 * A {@code moto_server} on a free loopback port, for one test class, and the awscli pointed at it. Closing it ends
 * the process this class started, and only that one.
 */
final class MotoServer implements AutoCloseable {

	static final String REGION = "us-east-1";

	static final String ACCOUNT = "123456789012";

	private final Process process;

	private final String endpoint;

	private MotoServer(Process process, int port) {
		this.process = process;
		this.endpoint = "http://127.0.0.1:" + port;
	}

	static MotoServer start() {
		if (!Commands.onPath("moto_server")) {
			throw new IllegalStateException("moto_server is not on PATH; install it with: pip install 'moto[server]'");
		}
		int port = freePort();
		try {
			Process process = new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", String.valueOf(port))
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			MotoServer moto = new MotoServer(process, port);
			moto.awaitListening(port);
			return moto;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String endpoint() {
		return endpoint;
	}

	/** What a script needs in its environment to talk to this moto, and nothing of the developer's own AWS setup. */
	Map<String, String> environment() {
		Map<String, String> environment = new HashMap<>();
		environment.put("AWS_ENDPOINT_URL", endpoint);
		environment.put("AWS_REGION", REGION);
		environment.put("AWS_DEFAULT_REGION", REGION);
		environment.put("AWS_ACCESS_KEY_ID", "test");
		environment.put("AWS_SECRET_ACCESS_KEY", "test");
		environment.put("AWS_CONFIG_FILE", "/dev/null");
		environment.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
		environment.put("AWS_PAGER", "");
		return environment;
	}

	/** Runs {@code aws <arguments> --output json} against this moto and returns the parsed answer. */
	@SuppressWarnings("unchecked")
	Map<String, Object> aws(String... arguments) {
		List<String> command = new java.util.ArrayList<>(List.of("aws", "--endpoint-url", endpoint, "--output", "json"));
		command.addAll(List.of(arguments));
		String json = Commands.output(command, environment(), Duration.ofSeconds(60));
		Object parsed = new Yaml().load(json);
		return parsed == null ? Map.of() : (Map<String, Object>) parsed;
	}

	@Override
	public void close() {
		process.destroy();
		try {
			if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
		}
	}

	private void awaitListening(int port) {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException("moto_server exited with " + process.exitValue());
			}
			try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
				return;
			}
			catch (IOException notYet) {
				sleep();
			}
		}
		close();
		throw new IllegalStateException("moto_server did not listen on " + endpoint + " within 30 s");
	}

	private static void sleep() {
		try {
			Thread.sleep(100);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
