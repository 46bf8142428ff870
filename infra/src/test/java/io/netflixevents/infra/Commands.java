package io.netflixevents.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the scripts and tools under test, from the repository root, with stdout and stderr together. */
final class Commands {

	private Commands() {
	}

	record Result(List<String> command, int exitCode, String output) {

		boolean succeeded() {
			return exitCode == 0;
		}

		@Override
		public String toString() {
			return String.join(" ", command) + " exited " + exitCode + ":\n" + output;
		}

	}

	static Result run(List<String> command, Map<String, String> environment, Duration timeout) {
		try {
			Path output = Files.createTempFile("infra-tests-", ".log");
			try {
				ProcessBuilder builder = new ProcessBuilder(command).directory(ProjectRoot.path().toFile())
					.redirectErrorStream(true)
					.redirectOutput(output.toFile());
				builder.environment().putAll(environment);
				Process process = builder.start();
				if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
					process.descendants().forEach(ProcessHandle::destroyForcibly);
					process.destroyForcibly();
					return new Result(command, -1, "did not finish within " + timeout + ":\n" + read(output));
				}
				return new Result(command, process.exitValue(), read(output));
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

	/** Runs a command that must succeed and returns what it printed. */
	static String output(List<String> command, Map<String, String> environment, Duration timeout) {
		Result result = run(command, environment, timeout);
		if (!result.succeeded()) {
			throw new AssertionError(result.toString());
		}
		return result.output();
	}

	/** Whether an executable of that name is on PATH. */
	static boolean onPath(String executable) {
		for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
			if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, executable))) {
				return true;
			}
		}
		return false;
	}

	private static String read(Path output) throws IOException {
		return Files.readString(output, StandardCharsets.UTF_8);
	}

}
