package io.netflixevents.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * One AWS emulator per test JVM, with {@code infra/local/topology.sh} applied to it.
 * <ul>
 * <li>{@code AWS_ENDPOINT_URL} set: that endpoint (an emulator someone started);</li>
 * <li>{@code NETFLIX_EVENTS_EMULATOR=localstack} (or {@code -Dnetflix.events.emulator=localstack}) and Docker: a
 * LocalStack container through Testcontainers;</li>
 * <li>otherwise: {@code moto_server} on a free loopback port, stopped when the JVM exits.</li>
 * </ul>
 */
public final class AwsEmulator {

	public static final String REGION = "us-east-1";

	/** The LocalStack release that runs without an auth token; the same tag as docker-compose.yml. */
	public static final String LOCALSTACK_IMAGE = "localstack/localstack:4.9.2";

	private static final String ACCESS_KEY = "test";

	private static final String SECRET_KEY = "test";

	private static AwsEmulator shared;

	private final URI endpoint;

	private AwsEmulator(URI endpoint) {
		this.endpoint = endpoint;
	}

	/** The emulator of this JVM, started and provisioned on first use. */
	public static synchronized AwsEmulator shared() {
		if (shared == null) {
			shared = new AwsEmulator(start());
			shared.applyTopology();
		}
		return shared;
	}

	private static URI start() {
		String given = System.getenv("AWS_ENDPOINT_URL");
		if (given != null && !given.isBlank()) {
			return URI.create(given);
		}
		String choice = System.getProperty("netflix.events.emulator",
				System.getenv().getOrDefault("NETFLIX_EVENTS_EMULATOR", "moto"));
		if ("localstack".equals(choice)) {
			if (!DockerClientFactory.instance().isDockerAvailable()) {
				throw new IllegalStateException("LocalStack was asked for, but no Docker engine answers");
			}
			return startLocalStack();
		}
		return startMoto();
	}

	private static URI startMoto() {
		int port = FreePorts.next();
		List<String> command = Processes.onPath("moto_server") != null
				? List.of("moto_server", "-H", "127.0.0.1", "-p", String.valueOf(port))
				: List.of("python3", "-m", "moto.server", "-H", "127.0.0.1", "-p", String.valueOf(port));
		try {
			Process moto = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			Runtime.getRuntime().addShutdownHook(new Thread(moto::destroy));
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException("cannot start moto_server; install it with: pip install 'moto[server]'",
					ex);
		}
		URI endpoint = URI.create("http://127.0.0.1:" + port);
		awaitAnswering(endpoint);
		return endpoint;
	}

	@SuppressWarnings("resource") // stopped by Testcontainers' reaper when the JVM exits
	private static URI startLocalStack() {
		LocalStackContainer localStack = new LocalStackContainer(DockerImageName.parse(LOCALSTACK_IMAGE))
			.withServices("s3", "sns", "sqs", "dynamodb", "sts");
		localStack.start();
		return localStack.getEndpoint();
	}

	private static void awaitAnswering(URI endpoint) {
		HttpClient http = HttpClient.newHttpClient();
		Awaitility.await("emulator at " + endpoint)
			.atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.ignoreExceptions()
			.until(() -> http.send(HttpRequest.newBuilder(endpoint).build(), HttpResponse.BodyHandlers.discarding())
				.statusCode() < 500);
	}

	private void applyTopology() {
		Processes.run(List.of("bash", ProjectFiles.resolve("infra/local/topology.sh").toString()), environment(),
				Duration.ofMinutes(3));
	}

	public URI endpoint() {
		return endpoint;
	}

	/** What a service process or script needs in its environment to use this emulator. */
	public Map<String, String> environment() {
		return Map.of("AWS_ENDPOINT_URL", endpoint.toString(), "AWS_REGION", REGION, "AWS_DEFAULT_REGION", REGION,
				"AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", SECRET_KEY);
	}

	/** Points a Spring Cloud AWS application context at this emulator. */
	public void register(DynamicPropertyRegistry registry) {
		registry.add("spring.cloud.aws.endpoint", endpoint::toString);
		registry.add("spring.cloud.aws.region.static", () -> REGION);
		registry.add("spring.cloud.aws.credentials.access-key", () -> ACCESS_KEY);
		registry.add("spring.cloud.aws.credentials.secret-key", () -> SECRET_KEY);
	}

	public SqsClient sqs() {
		return SqsClient.builder()
			.endpointOverride(endpoint)
			.region(Region.of(REGION))
			.credentialsProvider(credentials())
			.build();
	}

	public SnsClient sns() {
		return SnsClient.builder()
			.endpointOverride(endpoint)
			.region(Region.of(REGION))
			.credentialsProvider(credentials())
			.build();
	}

	public S3Client s3() {
		return S3Client.builder()
			.endpointOverride(endpoint)
			.region(Region.of(REGION))
			.forcePathStyle(true)
			.credentialsProvider(credentials())
			.build();
	}

	private static StaticCredentialsProvider credentials() {
		return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
	}

}
