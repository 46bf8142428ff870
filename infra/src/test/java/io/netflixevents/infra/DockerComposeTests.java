package io.netflixevents.infra;

import static io.netflixevents.infra.CloudFormationTemplate.asList;
import static io.netflixevents.infra.CloudFormationTemplate.cast;
import static io.netflixevents.infra.CloudFormationTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.netflixevents.testsupport.Processes;
import io.netflixevents.testsupport.ProjectFiles;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml and the Dockerfile, proved without a Docker engine: the file renders, each service gets the
 * environment its code reads, and everything it builds from or mounts exists.
 */
class DockerComposeTests {

	private static final Path COMPOSE_FILE = ProjectFiles.resolve("docker-compose.yml");

	private final Map<String, Object> compose = load();

	private final Map<String, Object> services = map(compose, "services");

	@Test
	void composeFileRendersWithDockerCompose() {
		List<String> compose = composeCommand();
		assumeTrue(compose != null, "neither docker-compose nor the docker compose plugin is installed");
		List<String> command = new ArrayList<>(compose);
		command.addAll(List.of("-f", COMPOSE_FILE.toString(), "config"));
		Processes.Result result = Processes.execute(command, Map.of(), Duration.ofSeconds(60));
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.output()).contains("localstack:", "frontend-service:", "user-service:");
	}

	@Test
	void composeFileHasNoObsoleteVersionKey() {
		assertThat(compose).doesNotContainKey("version");
	}

	@Test
	void localStackIsPinnedToAReleaseThatStartsWithoutAnAuthToken() {
		String image = (String) service("localstack").get("image");
		// 4.14.0 is the last release before the images that require LOCALSTACK_AUTH_TOKEN (March 2026)
		Matcher version = Pattern.compile("localstack/localstack:4\\.(\\d+)\\.\\d+").matcher(image);
		assertThat(version.matches()).as(image).isTrue();
		assertThat(Integer.parseInt(version.group(1))).isLessThanOrEqualTo(14);
	}

	@Test
	void everyServiceHasTheEnvironmentItsCodeReads() {
		assertThat(services.keySet()).containsExactlyInAnyOrderElementsOf(concat("localstack", Services.ALL));
		for (String name : Services.ALL) {
			Map<String, Object> environment = map(service(name), "environment");
			assertThat(environment).as(name)
				.containsEntry("AWS_REGION", "us-east-1")
				.containsEntry("AWS_ENDPOINT_URL", "http://localstack:4566")
				.containsKeys("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")
				.containsEntry("SERVER_PORT", String.valueOf(Services.PORTS.get(name)));
			if (name.equals(Services.FRONTEND)) {
				assertThat(environment).containsEntry("AWS_SNS_TOPIC", "netflix-events-topic")
					.containsEntry("AWS_S3_BUCKET", "netflix-events-archive")
					.containsEntry("RECOMMENDATION_SERVICE_URL", "http://recommendation-service:8081")
					.containsEntry("SEARCH_SERVICE_URL", "http://search-service:8082")
					.containsEntry("STREAMING_SERVICE_URL", "http://streaming-service:8083")
					.containsEntry("USER_SERVICE_URL", "http://user-service:8084")
					.doesNotContainKey("AWS_SQS_QUEUE_URL");
			}
			else {
				assertThat(environment).as(name).containsEntry("AWS_SQS_QUEUE_URL", Services.queue(name));
			}
		}
	}

	@Test
	void eachConsumerGetsTheTableItsCodeDefaultsToAndLocalStackServesDynamoDb() throws IOException {
		for (Map.Entry<String, String> consumer : Services.CONSUMERS.entrySet()) {
			String name = consumer.getKey();
			String table = "netflix-events-" + consumer.getValue();
			assertThat(map(service(name), "environment")).as(name).containsEntry("AWS_DYNAMODB_TABLE", table);
			String applicationYml = Files
				.readString(ProjectFiles.resolve(name + "/src/main/resources/application.yml"));
			assertThat(applicationYml).as(name).contains("${AWS_DYNAMODB_TABLE:" + table + "}");
		}
		assertThat(map(service(Services.FRONTEND), "environment")).doesNotContainKey("AWS_DYNAMODB_TABLE");
		Object enabled = map(service("localstack"), "environment").get("SERVICES");
		if (enabled != null) {
			// everything infra/local/topology.sh calls, the hook's sts:GetCallerIdentity included
			assertThat(((String) enabled).split(",")).contains("dynamodb", "s3", "sns", "sqs", "sts");
		}
	}

	@Test
	void servicesStartOnceLocalStackIsHealthyAndAreHealthCheckedOnTheirOwnPort() {
		assertThat(map(service("localstack"), "healthcheck")).containsKey("test");
		for (String name : Services.ALL) {
			Map<String, Object> service = service(name);
			assertThat(map(service, "depends_on")).as(name)
				.containsEntry("localstack", Map.of("condition", "service_healthy"));
			String test = String.join(" ",
					asList(map(service, "healthcheck").get("test")).stream().map(String::valueOf).toList());
			// on the port compose gives it in SERVER_PORT (compose reads $$ as $)
			assertThat(test).as(name).contains("/dev/tcp/127.0.0.1/$$SERVER_PORT", "GET /actuator/health ");
			assertThat(map(map(map(service, "deploy"), "resources"), "limits")).as(name).containsKey("memory");
		}
		assertThat(map(service("recommendation-service"), "deploy")).containsEntry("replicas", 2);
	}

	@Test
	void servicesAreGivenLongerToStopThanSpringsShutdownPhase() throws IOException {
		Matcher phase = Pattern.compile("timeout-per-shutdown-phase: (\\d+)s")
			.matcher(Files.readString(ProjectFiles.resolve("event-consumer/src/main/resources/netflix-events-consumer.yml")));
		assertThat(phase.find()).isTrue();
		for (String name : Services.ALL) {
			Matcher grace = Pattern.compile("(\\d+)s").matcher(String.valueOf(service(name).get("stop_grace_period")));
			assertThat(grace.matches()).as(name + " stop_grace_period").isTrue();
			assertThat(Integer.parseInt(grace.group(1))).as(name).isGreaterThan(Integer.parseInt(phase.group(1)));
		}
	}

	@Test
	void everyBuildContextDockerfileAndMountedFileExists() {
		for (String name : Services.ALL) {
			Map<String, Object> build = map(service(name), "build");
			Path context = ProjectFiles.resolve((String) build.get("context"));
			assertThat(context.resolve((String) build.getOrDefault("dockerfile", "Dockerfile"))).isRegularFile();
			assertThat(map(build, "args")).containsEntry("SERVICE", name);
			assertThat(context.resolve(name).resolve("pom.xml")).isRegularFile();
		}
		List<Object> volumes = asList(service("localstack").get("volumes"));
		assertThat(volumes).isNotEmpty().allSatisfy(volume -> {
			Path host = ProjectFiles.resolve(((String) volume).split(":")[0]);
			assertThat(host).isRegularFile();
			assertThat(Files.isExecutable(host)).as(host + " is executable").isTrue();
		});
		assertThat(volumes).contains(
				"./infra/localstack/ready.d/10-topology.sh:/etc/localstack/init/ready.d/10-topology.sh:ro",
				"./infra/local/topology.sh:/opt/netflix-events/topology.sh:ro");
	}

	@Test
	void dockerfileBuildsOneServiceWithTheWrapperAndRunsItsLayersWithAnAotCacheAsANonRootUser() throws IOException {
		String dockerfile = Files.readString(ProjectFiles.resolve("Dockerfile"));
		assertThat(dockerfile).contains("ARG SERVICE", "./mvnw", "-pl \"$SERVICE\" -am",
				"-Djarmode=tools -jar /application.jar extract --layers --destination /extracted",
				// the training run stops before the listeners start, so the build needs no AWS
				"-XX:AOTCacheOutput=app.aot -Dspring.context.exit=onRefresh -jar application.jar",
				"\"-XX:AOTCache=app.aot\", \"-jar\", \"application.jar\"");
		// that the training run and the start use launch.sh's JVM flags is JvmSetupTests's check
		assertThat(Pattern.compile("(?m)^USER (\\S+)$").matcher(dockerfile).results().map(m -> m.group(1)).toList())
			.singleElement()
			.isNotIn("root", "0");
		// configuration comes from the environment at run time, none is baked in
		assertThat(dockerfile).doesNotContainPattern("(?m)^ENV .*AWS_");
		// the AOT cache needs Java 24+; what the image contains, for the healthchecks, is in infra/docker/images.yml
		// (ComposeImagesTests)
		assertThat(dockerfile).containsPattern("(?m)^FROM eclipse-temurin:25-jre-\\w+$");
	}

	@Test
	void dockerIgnoreKeepsWhatTheWrapperNeeds() throws IOException {
		List<String> ignored = Files.readAllLines(ProjectFiles.resolve(".dockerignore"));
		assertThat(ignored).contains("**/target", ".git").doesNotContain("mvnw", ".mvn", "*.xml", "pom.xml");
	}

	private Map<String, Object> service(String name) {
		return cast(services.get(name));
	}

	private static List<String> concat(String first, List<String> rest) {
		List<String> all = new ArrayList<>(List.of(first));
		all.addAll(rest);
		return all;
	}

	/** docker-compose (v1, Debian's 1.29 here) or the docker compose plugin, whichever answers. */
	private static List<String> composeCommand() {
		if (Processes.onPath("docker-compose") != null
				&& Processes.execute(List.of("docker-compose", "version"), Map.of(), Duration.ofSeconds(30)).succeeded()) {
			return List.of("docker-compose");
		}
		if (Processes.onPath("docker") != null
				&& Processes.execute(List.of("docker", "compose", "version"), Map.of(), Duration.ofSeconds(30)).succeeded()) {
			return List.of("docker", "compose");
		}
		return null;
	}

	private static Map<String, Object> load() {
		try (Reader reader = Files.newBufferedReader(COMPOSE_FILE)) {
			return new Yaml().load(reader);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
