package io.netflixevents.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.netflixevents.testsupport.Processes;
import io.netflixevents.testsupport.ProjectFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * infra/docker/smoke.sh, which a user with Docker runs: its shape, and that without a Docker engine it says so and
 * exits 0 having run nothing. Its run against an engine is not part of this suite.
 */
class DockerSmokeTests {

	private static final Path SMOKE = ProjectFiles.resolve("infra/docker/smoke.sh");

	@Test
	void isAnExecutableBashScriptThatParses() {
		assertThat(Files.isExecutable(SMOKE)).isTrue();
		assertThat(Processes.execute(List.of("bash", "-n", SMOKE.toString()), Map.of(), Duration.ofSeconds(10))
			.succeeded()).isTrue();
	}

	@Test
	void buildsStartsPostsWaitsForEveryServiceAndS3AndAlwaysTakesItDown() throws IOException {
		String smoke = Files.readString(SMOKE);
		assertThat(smoke).contains("trap ", "compose down --volumes", " EXIT",
				"compose up --build --detach --wait", "/api/events/movie-details-viewed",
				"/api/applied-events/$id", "s3api head-object --bucket netflix-events-archive",
				"sqs get-queue-url", "/dev/tcp/localstack/4566");
		assertThat(smoke).containsPattern("consumers=\\(recommendation search streaming user\\)");
		// the engine is asked before anything is built
		assertThat(smoke.indexOf("docker info")).isLessThan(smoke.indexOf("compose up"));
	}

	@Test
	void withoutADockerEngineSaysSoAndExitsZeroHavingRunNothing(@TempDir Path bin) throws IOException {
		// a docker client with no engine behind it, as on the machine this was written on: every command fails
		Path calls = bin.resolve("calls");
		Path docker = bin.resolve("docker");
		Files.writeString(docker, "#!/usr/bin/env bash\necho \"$*\" >>" + calls + "\nexit 1\n");
		assertThat(docker.toFile().setExecutable(true)).isTrue();

		Processes.Result result = Processes.execute(List.of("bash", SMOKE.toString()),
				Map.of("PATH", bin + File.pathSeparator + System.getenv("PATH")), Duration.ofSeconds(30));

		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.output()).as(result.toString()).contains("no Docker engine").doesNotContain("==>");
		assertThat(Files.readAllLines(calls)).containsExactly("info");
	}

}
