package io.netflixevents.infra;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.netflixevents.testsupport.MotoServer;
import io.netflixevents.testsupport.Processes;
import io.netflixevents.testsupport.PythonTools;
import org.yaml.snakeyaml.Yaml;

/** The project's awscli ({@link PythonTools}) pointed at a {@link MotoServer}, its JSON answers parsed (JSON is YAML, so SnakeYAML reads it). */
final class AwsCli {

	private final MotoServer moto;

	AwsCli(MotoServer moto) {
		this.moto = moto;
	}

	/** Runs {@code aws <arguments> --output json} against the moto and returns the parsed answer. */
	@SuppressWarnings("unchecked")
	Map<String, Object> call(String... arguments) {
		List<String> command = new ArrayList<>(
				List.of(PythonTools.command("aws"), "--endpoint-url", moto.endpoint().toString(), "--output", "json"));
		command.addAll(List.of(arguments));
		String json = Processes.run(command, moto.environment(), Duration.ofSeconds(60));
		Object parsed = new Yaml().load(json);
		return parsed == null ? Map.of() : (Map<String, Object>) parsed;
	}

}
