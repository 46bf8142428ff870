package io.netflixevents.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the project's scripts and helper programs from the repository root, with stdout and stderr together, so
 * that a command may name a script by its path in the repository ({@code infra/local/topology.sh}).
 */
public final class Processes {

	private Processes() {
	}

	/** How a command ended: its exit code ({@code -1} if it did not finish in time) and what it printed. */
	public record Result(List<String> command, int exitCode, String output) {

		public boolean succeeded() {
			return exitCode == 0;
		}

		@Override
		public String toString() {
			return String.join(" ", command) + " exited " + exitCode + ":\n" + output;
		}

	}

	/**
	 * Runs a command to completion within the timeout, killing it and its children if it takes longer, and returns how
	 * it ended, whether it succeeded or not.
	 */
	public static Result execute(List<String> command, Map<String, String> environment, Duration timeout) {
		try {
			Path output = Files.createTempFile("netflix-events-", ".log");
			try {
				ProcessBuilder builder = new ProcessBuilder(command).directory(ProjectFiles.root().toFile())
					.redirectErrorStream(true)
					.redirectOutput(output.toFile());
				builder.environment().putAll(environment);
				Process process = builder.start();
				if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
					process.descendants().forEach(ProcessHandle::destroyForcibly);
					process.destroyForcibly();
					return new Result(command, -1, "did not finish within " + timeout + ":\n" + Files.readString(output));
				}
				return new Result(command, process.exitValue(), Files.readString(output));
			}
			finally {
				Files.deleteIfExists(output);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Runs a command that must succeed within the timeout and returns what it printed. */
	public static String run(List<String> command, Map<String, String> environment, Duration timeout) {
		Result result = execute(command, environment, timeout);
		if (!result.succeeded()) {
			throw new IllegalStateException(result.toString());
		}
		return result.output();
	}

	/** The absolute path of an executable on PATH, or {@code null}. */
	public static Path onPath(String executable) {
		for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, executable))) {
				return Path.of(dir, executable).toAbsolutePath();
			}
		}
		return null;
	}

}
