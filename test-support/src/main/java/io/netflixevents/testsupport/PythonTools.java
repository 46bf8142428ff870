package io.netflixevents.testsupport;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The project's Python tools, {@code python3}, {@code aws} and {@code cfn-lint} at the versions of
 * {@code infra/local/requirements.txt}, as {@code infra/local/python.sh} resolves them for the local run and CI: the
 * system python3 if it has them, else {@code .local/venv}, made on first use. Resolved once per JVM.
 */
public final class PythonTools {

	// the first use may create .local/venv and install the pinned packages into it
	private static final Duration FIRST_USE = Duration.ofMinutes(10);

	private PythonTools() {
	}

	/** The command that runs one of the tools: {@code python3}, {@code aws} or {@code cfn-lint}. */
	public static String command(String tool) {
		return Bin.PATH.resolve(tool).toString();
	}

	/** A PATH with the tools first, for scripts that call {@code aws} and {@code python3} by name. */
	public static String path() {
		return Bin.PATH + File.pathSeparator + System.getenv().getOrDefault("PATH", "");
	}

	private static final class Bin {

		static final Path PATH = Path.of(Processes
			.run(List.of("bash", ProjectFiles.resolve("infra/local/python.sh").toString(), "--bin"), Map.of(), FIRST_USE)
			.strip()
			.lines()
			.reduce((first, last) -> last)
			.orElseThrow());

	}

}
