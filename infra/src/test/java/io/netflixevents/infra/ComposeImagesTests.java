package io.netflixevents.infra;

import static io.netflixevents.infra.CloudFormationTemplate.asList;
import static io.netflixevents.infra.CloudFormationTemplate.cast;
import static io.netflixevents.infra.CloudFormationTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;
import io.netflixevents.testsupport.Processes;
import io.netflixevents.testsupport.ProjectFiles;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Compose's healthchecks and the Dockerfile's RUN lines call only what their images contain, as recorded from the
 * images' upstream Dockerfiles in infra/docker/images.yml; and the healthchecks pass exactly when they should, run
 * here against stand-ins for a service and for LocalStack.
 */
class ComposeImagesTests {

	// shell words that run no program: keywords and the builtins dash and bash share
	private static final Set<String> BUILTINS = Set.of("exec", "printf", "echo", "read", "test", "[", "exit", "true",
			"false", "cd", "set", "export", "if", "then", "else", "elif", "fi", "for", "in", "do", "done", "while",
			"until", "case", "esac", "return", "local", "!");

	private static final Set<String> BASH_ONLY = Set.of("[[", "]]");

	private final Map<String, Object> services = map(load(ProjectFiles.resolve("docker-compose.yml")), "services");

	private final Map<String, Object> images = map(load(ProjectFiles.resolve("infra/docker/images.yml")), "images");

	private final List<Stage> stages = Stage.of(read(ProjectFiles.resolve("Dockerfile")));

	@Test
	void everyHealthcheckCallsOnlyProgramsItsImageShips() {
		for (String name : services.keySet()) {
			Healthcheck check = Healthcheck.of(cast(map(cast(services.get(name)), "healthcheck")));
			Map<String, Object> image = contents(imageOf(name));
			List<Object> programs = asList(image.get("programs"));
			String shell = check.shell() == null ? (String) image.get("shell") : check.shell();
			if (check.shell() != null) {
				assertThat(programs).as(name + "'s healthcheck runs " + shell).contains(shell);
			}
			assertThat(programs).as(name + "'s healthcheck calls " + check.programs() + " on " + imageOf(name))
				.containsAll(check.programs());
			if (!shell.equals("bash")) {
				assertThat(check.script()).as(name + ": " + shell + " has no /dev/tcp and no [[ ]]")
					.doesNotContain("/dev/tcp", "[[");
			}
		}
	}

	@Test
	void theJreImageHasNeitherCurlNorWgetAndNoImageListsWhatItLacks() {
		assertThat(asList(contents("eclipse-temurin:25-jre-noble").get("absent"))).contains("curl", "wget");
		for (String image : images.keySet()) {
			Map<String, Object> contents = contents(image);
			List<Object> present = new ArrayList<>(asList(contents.get("programs")));
			present.addAll(asList(contents.get("base")));
			assertThat(present).as(image).doesNotContainAnyElementsOf(asList(contents.get("absent")));
		}
	}

	@Test
	void everyImageUsedIsRecordedAtItsExactTag() {
		Set<String> used = new LinkedHashSet<>();
		for (String name : services.keySet()) {
			used.add(imageOf(name));
		}
		stages.forEach(stage -> used.add(stage.image()));
		assertThat(images).containsOnlyKeys(used);
	}

	@Test
	void dockerfileRunsOnlyWhatEachStagesImageHasOrTheBuildContextBrings() {
		for (Stage stage : stages) {
			Map<String, Object> contents = contents(stage.image());
			List<Object> present = new ArrayList<>(asList(contents.get("programs")));
			present.addAll(asList(contents.get("base")));
			for (String run : stage.runs()) {
				for (String program : programs(run, BUILTINS)) {
					if (program.startsWith("./")) {
						assertThat(ProjectFiles.resolve(program.substring(2))).as(run).isRegularFile();
					}
					else {
						assertThat(present).as(stage.image() + " runs: " + run).contains(program);
					}
				}
			}
		}
	}

	@Test
	void theTopologyHookRunsOnWhatLocalStacksImageShips() {
		List<Object> programs = asList(contents(imageOf("localstack")).get("programs"));
		assertThat(read(ProjectFiles.resolve("infra/localstack/ready.d/10-topology.sh"))).startsWith("#!/usr/bin/env bash");
		assertThat(programs).contains("bash", "aws", "python3");
		String topology = read(ProjectFiles.resolve("infra/local/topology.sh"));
		assertThat(topology).startsWith("#!/usr/bin/env bash").contains("aws --endpoint-url", "python3 -c");
	}

	@Test
	void localStackNamesQueuesByAHostAndPathTheOtherContainersResolve() {
		Map<String, Object> environment = map(cast(services.get("localstack")), "environment");
		// queue URLs are http://localstack:4566/queue/<region>/<account>/<name>, not http://sqs.<region>.localstack...
		assertThat(environment).containsEntry("LOCALSTACK_HOST", "localstack:4566")
			.containsEntry("SQS_ENDPOINT_STRATEGY", "path");
		for (String name : Services.ALL) {
			assertThat(map(cast(services.get(name)), "environment")).as(name)
				.containsEntry("AWS_ENDPOINT_URL", "http://localstack:4566");
		}
	}

	@Test
	void localStackIsGivenRoomForItselfAndDynamoDbLocalsJvm() {
		Map<String, Object> localStack = cast(services.get("localstack"));
		String heap = (String) map(localStack, "environment").get("DYNAMODB_HEAP_SIZE");
		String limit = (String) map(map(map(localStack, "deploy"), "resources"), "limits").get("memory");
		// about a GB for LocalStack's Python and the JVM's memory beside its heap (see docker-compose.yml)
		assertThat(megabytes(limit)).as("LocalStack's limit " + limit + " against DynamoDB Local's heap " + heap)
			.isGreaterThanOrEqualTo(megabytes(heap) + 1024);
	}

	@Test
	void serviceHealthcheckPassesOnlyWhileTheServiceAnswers200() throws IOException {
		Healthcheck check = Healthcheck.of(cast(map(cast(services.get(Services.FRONTEND)), "healthcheck")));
		assertThat(check.shell()).isEqualTo("bash");
		try (Stub up = new Stub(200, "{\"status\":\"UP\"}"); Stub down = new Stub(503, "{\"status\":\"DOWN\"}")) {
			assertThat(runBash(check.script(), up.port())).as("UP").isZero();
			assertThat(runBash(check.script(), down.port())).as("DOWN").isNotZero();
			assertThat(up.paths()).containsExactly("/actuator/health");
		}
		int nobody;
		try (Stub gone = new Stub(200, "")) {
			nobody = gone.port();
		}
		assertThat(runBash(check.script(), nobody)).as("nothing listening").isNotZero();
	}

	@Test
	void localStackHealthcheckPassesOnlyOnceTheTopologyHookSucceeded() throws IOException {
		assumeTrue(Processes.onPath("curl") != null, "curl is not installed");
		Healthcheck check = Healthcheck.of(cast(map(cast(services.get("localstack")), "healthcheck")));
		assertThat(check.shell()).as("CMD-SHELL").isNull();
		Map<String, Boolean> answers = new LinkedHashMap<>();
		answers.put("{\"completed\": true, \"scripts\": [{\"stage\": \"READY\", \"name\": \"10-topology.sh\", "
				+ "\"state\": \"SUCCESSFUL\"}]}", true);
		answers.put("{\"completed\": true, \"scripts\": []}", false);
		answers.put("{\"completed\": true, \"scripts\": [{\"stage\": \"READY\", \"name\": \"10-topology.sh\", "
				+ "\"state\": \"ERROR\"}]}", false);
		answers.put("{\"completed\": false, \"scripts\": [{\"stage\": \"READY\", \"name\": \"10-topology.sh\", "
				+ "\"state\": \"RUNNING\"}]}", false);
		answers.put("{\"completed\": true, \"scripts\": [{\"stage\": \"READY\", \"name\": \"other.sh\", "
				+ "\"state\": \"SUCCESSFUL\"}]}", false);
		for (Map.Entry<String, Boolean> answer : answers.entrySet()) {
			try (Stub localStack = new Stub(200, answer.getKey())) {
				String script = check.script().replace("http://localhost:4566/", "http://127.0.0.1:" + localStack.port() + "/");
				Processes.Result result = Processes.execute(List.of("sh", "-c", script), Map.of(), Duration.ofSeconds(30));
				assertThat(result.succeeded()).as(answer.getKey() + "\n" + result).isEqualTo(answer.getValue());
				assertThat(localStack.paths()).containsExactly("/_localstack/init/ready");
			}
		}
	}

	/** The programs a shell script calls: the first word of every command, less builtins and keywords. */
	static Set<String> programs(String script, Set<String> builtins) {
		String unquoted = script.replaceAll("'[^']*'", "Q").replaceAll("\"[^\"]*\"", "Q");
		Set<String> programs = new LinkedHashSet<>();
		for (String command : unquoted.split("&&|\\|\\||[|;()\\n]|\\$\\(")) {
			List<String> words = new ArrayList<>(List.of(command.trim().split("\\s+")));
			words.removeIf(word -> word.isEmpty() || word.matches("\\d*[<>].*") || word.matches("\\w+=.*"));
			while (!words.isEmpty() && (words.get(0).equals("exec") || words.get(0).equals("!"))) {
				words.remove(0);
			}
			if (!words.isEmpty() && !builtins.contains(words.get(0)) && !BASH_ONLY.contains(words.get(0))) {
				programs.add(words.get(0));
			}
		}
		return programs;
	}

	/** A compose healthcheck: CMD with the shell it names ({@code bash -c ...}), or CMD-SHELL (shell null). */
	record Healthcheck(String shell, String script) {

		static Healthcheck of(Map<String, Object> healthcheck) {
			List<String> test = asList(healthcheck.get("test")).stream().map(String::valueOf).toList();
			// compose reads $$ as a literal $
			if (test.get(0).equals("CMD-SHELL")) {
				return new Healthcheck(null, test.get(1).replace("$$", "$"));
			}
			assertThat(test).as("CMD <shell> -c <script>").hasSize(4).element(2).isEqualTo("-c");
			return new Healthcheck(test.get(1), test.get(3).replace("$$", "$"));
		}

		Set<String> programs() {
			return ComposeImagesTests.programs(script, BUILTINS);
		}

	}

	/** A stage of the Dockerfile: its FROM image and its RUN lines, continuations joined. */
	record Stage(String image, List<String> runs) {

		static List<Stage> of(String dockerfile) {
			List<Stage> stages = new ArrayList<>();
			String joined = dockerfile.replaceAll("(?m)^\\s*#.*\\n", "").replace("\\\n", " ");
			Matcher instruction = Pattern.compile("(?m)^(FROM|RUN)\\s+(.*)$").matcher(joined);
			while (instruction.find()) {
				if (instruction.group(1).equals("FROM")) {
					stages.add(new Stage(instruction.group(2).split("\\s+")[0], new ArrayList<>()));
				}
				else {
					stages.get(stages.size() - 1).runs().add(instruction.group(2).replaceAll("--mount=\\S+", ""));
				}
			}
			return stages;
		}

	}

	/** An HTTP server on a free loopback port that answers every request with one status and body. */
	private static final class Stub implements AutoCloseable {

		private final HttpServer server;

		private final List<String> paths = new CopyOnWriteArrayList<>();

		Stub(int status, String body) throws IOException {
			server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/", exchange -> {
				paths.add(exchange.getRequestURI().getPath());
				byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
				exchange.getResponseBody().write(bytes);
				exchange.close();
			});
			server.start();
		}

		int port() {
			return server.getAddress().getPort();
		}

		List<String> paths() {
			return paths;
		}

		@Override
		public void close() {
			server.stop(0);
		}

	}

	private static int runBash(String script, int port) {
		return Processes.execute(List.of("bash", "-c", script), Map.of("SERVER_PORT", String.valueOf(port)),
				Duration.ofSeconds(30))
			.exitCode();
	}

	private String imageOf(String service) {
		Map<String, Object> definition = cast(services.get(service));
		if (definition.containsKey("build")) {
			// the image compose builds is the Dockerfile's last stage
			return stages.get(stages.size() - 1).image();
		}
		return (String) definition.get("image");
	}

	private Map<String, Object> contents(String image) {
		assertThat(images).as("infra/docker/images.yml records " + image).containsKey(image);
		return cast(images.get(image));
	}

	private static int megabytes(String size) {
		Matcher value = Pattern.compile("(\\d+)([mg])").matcher(size);
		assertThat(value.matches()).as(size).isTrue();
		return Integer.parseInt(value.group(1)) * (value.group(2).equals("g") ? 1024 : 1);
	}

	private static Map<String, Object> load(Path file) {
		return new Yaml().load(read(file));
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
