package io.netflixevents.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.netflixevents.testsupport.Processes;
import io.netflixevents.testsupport.ProjectFiles;
import io.netflixevents.testsupport.PythonTools;
import org.junit.jupiter.api.Test;

/**
 * The Python tools the local run, CI and these tests use come from infra/local/python.sh at the versions of
 * infra/local/requirements.txt, whichever python they were found in.
 */
class PythonToolsTests {

	@Test
	void toolsRunAtTheVersionsOfTheRequirementsFile() throws IOException {
		Map<String, String> pinned = pinned();
		assertThat(pinned).containsOnlyKeys("moto", "boto3", "awscli", "cfn-lint");

		assertThat(run("python3", "-c", "import boto3, moto; print(moto.__version__, boto3.__version__)"))
			.isEqualTo(pinned.get("moto") + " " + pinned.get("boto3"));
		assertThat(run("aws", "--version")).startsWith("aws-cli/" + pinned.get("awscli") + " ");
		assertThat(run("cfn-lint", "--version")).isEqualTo("cfn-lint " + pinned.get("cfn-lint"));
	}

	@Test
	void resolverPrintsAnInterpreterThatImportsMotosServer() {
		String python = Processes.run(List.of("infra/local/python.sh"), Map.of(), Duration.ofMinutes(10)).strip();
		String lastLine = python.substring(python.lastIndexOf('\n') + 1);
		assertThat(Processes.run(List.of(lastLine, "-c", "import moto.server, flask; print('ok')"), Map.of(),
				Duration.ofSeconds(60))
			.strip()).isEqualTo("ok");
	}

	private static String run(String tool, String... arguments) {
		List<String> command = new ArrayList<>(List.of(PythonTools.command(tool)));
		command.addAll(List.of(arguments));
		return Processes.run(command, Map.of(), Duration.ofSeconds(60)).strip();
	}

	private static Map<String, String> pinned() throws IOException {
		Map<String, String> pinned = new LinkedHashMap<>();
		Matcher pin = Pattern.compile("(?m)^([A-Za-z0-9_.-]+)(?:\\[[^]]*])?==(\\S+)$")
			.matcher(Files.readString(ProjectFiles.resolve("infra/local/requirements.txt")));
		while (pin.find()) {
			pinned.put(pin.group(1), pin.group(2));
		}
		return pinned;
	}

}
