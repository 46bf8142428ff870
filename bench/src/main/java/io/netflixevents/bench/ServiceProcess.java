package io.netflixevents.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A JVM (or other) process the bench started, its log in {@code results/raw/logs}, and what it costs. */
public final class ServiceProcess implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

	final String name;

	final Process process;

	final long startedNanos = System.nanoTime();

	private final Path log;

	private ServiceProcess(String name, Process process, Path log) {
		this.name = name;
		this.process = process;
		this.log = log;
	}

	public static ServiceProcess start(String name, List<String> command, Map<String, String> environment, Path logs)
			throws IOException {
		Files.createDirectories(logs);
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().putAll(environment);
		builder.redirectErrorStream(true);
		builder.redirectOutput(logs.resolve(name + ".log").toFile());
		return new ServiceProcess(name, builder.start(), logs.resolve(name + ".log"));
	}

	/** Waits until the URL answers 200 and returns the seconds since the process was started. */
	public double awaitHttp(URI url, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see its log");
			}
			try {
				if (HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(1)).build(),
						HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return (System.nanoTime() - startedNanos) / 1e9;
				}
			}
			catch (IOException notYet) {
				// not listening yet
			}
			Thread.sleep(50);
		}
		throw new IllegalStateException(name + " did not answer " + url + " within " + timeout);
	}

	/** What Spring Boot logged: "Started … in X seconds (process running for Y)", as "X s", or "n/a". */
	String springStartup() throws IOException {
		java.util.regex.Matcher started = java.util.regex.Pattern
			.compile("Started \\S+ in ([0-9.]+) seconds \\(process running for ([0-9.]+)\\)")
			.matcher(Files.readString(log));
		return started.find() ? started.group(1) + " s (JVM up " + started.group(2) + " s)" : "n/a";
	}

	/** CPU time the process used so far, user and system, from /proc (in clock ticks of 10 ms). */
	Duration cpuTime() throws IOException {
		return cpuTime(Path.of("/proc", Long.toString(process.pid()), "stat"));
	}

	/**
	 * CPU time used so far by the JVM's JIT compiler threads ("C1 CompilerThread0", "C2 CompilerThread0", ...; the
	 * kernel keeps the first 15 characters of a thread's name, "C2 CompilerThre").
	 */
	Duration compilerCpuTime() throws IOException {
		Duration total = Duration.ZERO;
		try (var threads = Files.list(Path.of("/proc", Long.toString(process.pid()), "task"))) {
			for (Path thread : (Iterable<Path>) threads::iterator) {
				try {
					if (Files.readString(thread.resolve("comm")).contains("CompilerThre")) {
						total = total.plus(cpuTime(thread.resolve("stat")));
					}
				}
				catch (java.nio.file.NoSuchFileException ended) {
					// the thread ended while we looked
				}
			}
		}
		return total;
	}

	private static Duration cpuTime(Path stat) throws IOException {
		String line = Files.readString(stat);
		// the fields after "pid (name) ": state is field 3, utime 14 and stime 15
		String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
		return Duration.ofMillis(10 * (Long.parseLong(fields[11]) + Long.parseLong(fields[12])));
	}

	/**
	 * Appends the JVM's thread dump ({@code jcmd Thread.print}, the JDK the bench runs on) to its log, for a call
	 * that hung; returns the log's path.
	 */
	public Path appendThreadDump() throws IOException, InterruptedException {
		Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
		Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "Thread.print", "-l")
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.start();
		dump.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
		return log;
	}

	/** The Java version Spring Boot logged ("Starting … using Java X"), or "n/a". */
	String javaVersion() throws IOException {
		java.util.regex.Matcher using = java.util.regex.Pattern.compile("using Java (\\S+)")
			.matcher(Files.readString(log));
		return using.find() ? using.group(1) : "n/a";
	}

	/** Resident set size in MB, from /proc. */
	double rssMegabytes() throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
			}
		}
		return Double.NaN;
	}

	/**
	 * Stops them all at once: a consumer's graceful stop waits for its current long poll (up to 20 s), and one after
	 * the other that took over a minute per phase.
	 */
	public static void closeAll(List<ServiceProcess> processes) throws InterruptedException {
		processes.forEach(service -> service.process.destroy());
		for (ServiceProcess service : processes) {
			service.close();
		}
	}

	@Override
	public void close() throws InterruptedException {
		process.destroy();
		if (!process.waitFor(25, java.util.concurrent.TimeUnit.SECONDS)) {
			process.destroyForcibly();
			process.waitFor();
		}
	}

}
