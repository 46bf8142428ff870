package io.netflixevents.infra;

import static io.netflixevents.infra.CloudFormationTemplate.asList;
import static io.netflixevents.infra.CloudFormationTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.netflixevents.testsupport.Processes;
import io.netflixevents.testsupport.ProjectFiles;
import org.junit.jupiter.api.Test;

/**
 * One JVM setup for every start of a service: {@code infra/local/launch.sh} holds the flags; the Dockerfile's
 * training run and entry point use the same ones on the same Java; the EC2 instances start the jar through
 * launch.sh itself, on that Java, as {@code infra/aws/boot.sh} installs them from the release.
 */
class JvmSetupTests {

	private static final Path LAUNCH = ProjectFiles.resolve("infra/local/launch.sh");

	private static final String ON_INSTANCE = "/opt/netflix-events/";

	private final List<String> flags = Arrays.asList(
			Processes.run(List.of("bash", LAUNCH.toString(), "--flags"), Map.of(), Duration.ofSeconds(10))
				.strip()
				.split(" "));

	@Test
	void theDockerfileTrainsAndStartsWithLaunchShsFlags() throws IOException {
		String dockerfile = Files.readString(ProjectFiles.resolve("Dockerfile")).replace("\\\n", " ");
		Matcher training = Pattern.compile("java ((?:-\\S+\\s+)+)-XX:AOTCacheOutput=").matcher(dockerfile);
		assertThat(training.find()).as("the Dockerfile's training run").isTrue();
		assertThat(training.group(1).strip().split("\\s+")).containsExactlyElementsOf(flags);

		Matcher entryPoint = Pattern.compile("ENTRYPOINT \\[\"java\",((?:\\s*\"[^\"]+\",)+)\\s*\"-XX:AOTCache=")
			.matcher(dockerfile);
		assertThat(entryPoint.find()).as("the Dockerfile's ENTRYPOINT").isTrue();
		assertThat(Arrays.stream(entryPoint.group(1).split(",")).map(String::strip).filter(s -> !s.isEmpty())
			.map(s -> s.substring(1, s.length() - 1))).containsExactlyElementsOf(flags);
	}

	@Test
	void everyInstanceBootsItsJarThroughLaunchShOnTheDockerfilesJava() throws IOException {
		Matcher runtime = Pattern.compile("FROM eclipse-temurin:(\\d+)-jre\\S*\\s*\\n(?!.*\\bFROM\\b)", Pattern.DOTALL)
			.matcher(Files.readString(ProjectFiles.resolve("Dockerfile")));
		assertThat(runtime.find()).as("the Dockerfile's runtime image").isTrue();
		int java = Integer.parseInt(runtime.group(1));
		assertThat(java).as("launch.sh uses an AOT cache from Java 24 on").isGreaterThanOrEqualTo(24);

		String boot = Files.readString(ProjectFiles.resolve("infra/aws/boot.sh"));
		assertThat(boot).contains("java_package=java-" + java + "-amazon-corretto-headless",
				"ExecStart=$home/infra/local/launch.sh $service", "home=" + ON_INSTANCE.replaceAll("/$", ""))
			.doesNotContain("java -jar");
		assertThat(Files.readString(ProjectFiles.resolve("infra/aws/release.sh")))
			.contains("\"$ROOT/infra/local/launch.sh\"", "\"$ROOT/infra/aws/boot.sh\"");

		CloudFormationTemplate template = CloudFormationTemplate.load();
		Map<String, Map<String, Object>> launchTemplates = template.ofType("AWS::EC2::LaunchTemplate");
		assertThat(launchTemplates).hasSize(Services.ALL.size());
		launchTemplates.values().forEach(launchTemplate -> {
			String script = (String) asList(
					map(map(map(launchTemplate, "LaunchTemplateData"), "UserData"), "Fn::Base64").get("Fn::Sub"))
				.get(0);
			assertThat(script).contains("bash \"$boot\" ${Service}").doesNotContain("java");
		});
	}

}
