package io.netflixevents.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the project's scripts and helper programs, failing with their output when they fail. */
public final class Processes {

	private Processes() {
	}

	/** Runs a command to completion within the timeout and returns what it printed. */
	public static String run(List<String> command, Map<String, String> environment, Duration timeout) {
		try {
			Path output = Files.createTempFile("netflix-events-", ".log");
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(output.toFile());
			builder.environment().putAll(environment);
			Process process = builder.start();
			boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
			if (!finished) {
				process.destroyForcibly();
			}
			String printed = Files.readString(output);
			Files.deleteIfExists(output);
			if (!finished || process.exitValue() != 0) {
				throw new IllegalStateException(command + (finished ? " exited " + process.exitValue()
						: " did not finish within " + timeout) + ":\n" + printed);
			}
			return printed;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The absolute path of an executable on PATH, or {@code null}. */
	public static Path onPath(String executable) {
		for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
			Path candidate = Path.of(dir, executable);
			if (Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		return null;
	}

}
