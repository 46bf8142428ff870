package io.netflixevents.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

/**
 * One service's fat jar running as its own JVM, as in production: configured only through environment variables,
 * its output in {@code target/service-logs/}. Stopped with SIGTERM, or killed with SIGKILL. Every instance of a
 * service in one test JVM runs the same copy of its jar.
 */
public final class ServiceProcess implements AutoCloseable {

	private static final Map<String, Path> SNAPSHOTS = new ConcurrentHashMap<>();

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String service;

	private final int port;

	private final Process process;

	private final Path log;

	private ServiceProcess(String service, int port, Process process, Path log) {
		this.service = service;
		this.port = port;
		this.process = process;
		this.log = log;
	}

	/** Starts {@code <service>/target/<service>.jar} on a free port; call {@link #awaitHealthy()} before use. */
	public static ServiceProcess start(String service, Map<String, String> environment) {
		Path jar = ProjectFiles.resolve(service + "/target/" + service + ".jar");
		if (!Files.exists(jar)) {
			throw new IllegalStateException(jar + " is missing: build it first (./mvnw package -DskipTests)");
		}
		int port = FreePorts.next();
		try {
			jar = snapshotOf(service, jar);
			Path logs = Files.createDirectories(Path.of("target", "service-logs"));
			Path log = logs.resolve(service + "-" + port + ".log");
			List<String> command = new ArrayList<>(List.of(javaExecutable()));
			command.addAll(JvmFlags.LAUNCH_SH);
			command.addAll(List.of("-jar", jar.toString()));
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile());
			builder.environment().putAll(environment);
			builder.environment().put("SERVER_PORT", String.valueOf(port));
			return new ServiceProcess(service, port, builder.start(), log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A copy of the jar taken at the first start of the service in this JVM, which every instance runs: a build that
	 * rewrites {@code target/<service>.jar} meanwhile (another engineer's {@code ./mvnw package} in the same tree)
	 * would otherwise break the running JVMs' class loading, and a later instance would run other code.
	 */
	private static Path snapshotOf(String service, Path jar) {
		return SNAPSHOTS.computeIfAbsent(service, name -> {
			try {
				Path copy = Files.createTempFile(name + "-", ".jar");
				copy.toFile().deleteOnExit();
				return Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	/**
	 * The flags of every start of a service ({@code infra/local/launch.sh --flags}, which the Dockerfile and the EC2
	 * units use too), without launch.sh's class archive: that needs the extracted jar and a training run per build.
	 */
	private static final class JvmFlags {

		static final List<String> LAUNCH_SH = List.of(Processes
			.run(List.of("bash", ProjectFiles.resolve("infra/local/launch.sh").toString(), "--flags"), Map.of(),
					Duration.ofSeconds(10))
			.strip()
			.split(" "));

	}

	private static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	public ServiceProcess awaitHealthy() {
		try {
			Awaitility.await(service + " healthy on port " + port)
				.atMost(Duration.ofSeconds(90))
				.pollInterval(Duration.ofMillis(250))
				.failFast(service + " exited", () -> !process.isAlive())
				.ignoreExceptions()
				.until(() -> HTTP
					.send(HttpRequest.newBuilder(url("/actuator/health")).build(), HttpResponse.BodyHandlers.ofString())
					.body()
					.contains("\"UP\""));
			return this;
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException(ex.getMessage() + "; the end of its log " + log + ":\n" + logTail(), ex);
		}
	}

	public String service() {
		return service;
	}

	public int port() {
		return port;
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + port;
	}

	public URI url(String path) {
		return URI.create(baseUrl() + path);
	}

	public long pid() {
		return process.pid();
	}

	public boolean isAlive() {
		return process.isAlive();
	}

	/** SIGTERM, then waits for the graceful shutdown; returns the exit code. */
	public int stop(Duration within) {
		process.destroy();
		return awaitExit(within);
	}

	/** SIGKILL: no shutdown hooks, nothing acknowledged. */
	public void kill() {
		process.destroyForcibly();
		awaitExit(Duration.ofSeconds(10));
	}

	private int awaitExit(Duration within) {
		try {
			if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly().waitFor();
				throw new IllegalStateException(service + " did not stop within " + within);
			}
			return process.exitValue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The file the process writes its output to. */
	public Path log() {
		return log;
	}

	/** The lines of its output so far that contain {@code text}. */
	public List<String> logLinesContaining(String text) {
		try (var lines = Files.lines(log, java.nio.charset.StandardCharsets.ISO_8859_1)) {
			return lines.filter(line -> line.contains(text)).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public String logTail() {
		try {
			List<String> lines = Files.readAllLines(log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	@Override
	public void close() {
		if (process.isAlive()) {
			stop(Duration.ofSeconds(45));
		}
	}

}
