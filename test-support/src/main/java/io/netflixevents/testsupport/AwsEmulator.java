package io.netflixevents.testsupport;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
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

	public static final String REGION = AwsEnvironment.REGION;

	/** The LocalStack release that runs without an auth token; the same tag as docker-compose.yml. */
	public static final String LOCALSTACK_IMAGE = "localstack/localstack:4.9.2";

	private static AwsEmulator shared;

	private final URI endpoint;

	private final Map<String, String> environment;

	private AwsEmulator(URI endpoint, Map<String, String> environment) {
		this.endpoint = endpoint;
		this.environment = environment;
	}

	private AwsEmulator(URI endpoint) {
		this(endpoint, AwsEnvironment.of(endpoint));
	}

	/** The emulator of this JVM, started and provisioned on first use. */
	public static synchronized AwsEmulator shared() {
		if (shared == null) {
			shared = start();
			shared.applyTopology();
		}
		return shared;
	}

	private static AwsEmulator start() {
		String given = System.getenv("AWS_ENDPOINT_URL");
		if (given != null && !given.isBlank()) {
			return new AwsEmulator(URI.create(given));
		}
		String choice = System.getProperty("netflix.events.emulator",
				System.getenv().getOrDefault("NETFLIX_EVENTS_EMULATOR", "moto"));
		if ("localstack".equals(choice)) {
			if (!DockerClientFactory.instance().isDockerAvailable()) {
				throw new IllegalStateException("LocalStack was asked for, but no Docker engine answers");
			}
			return new AwsEmulator(startLocalStack());
		}
		return startMoto();
	}

	private static AwsEmulator startMoto() {
		MotoServer moto = MotoServer.start();
		Runtime.getRuntime().addShutdownHook(new Thread(moto::close));
		return new AwsEmulator(moto.endpoint(), moto.environment());
	}

	@SuppressWarnings("resource") // stopped by Testcontainers' reaper when the JVM exits
	private static URI startLocalStack() {
		LocalStackContainer localStack = new LocalStackContainer(DockerImageName.parse(LOCALSTACK_IMAGE))
			.withServices("s3", "sns", "sqs", "dynamodb", "sts");
		localStack.start();
		return localStack.getEndpoint();
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
		return environment;
	}

	/** Points a Spring Cloud AWS application context at this emulator. */
	public void register(DynamicPropertyRegistry registry) {
		registry.add("spring.cloud.aws.endpoint", endpoint::toString);
		registry.add("spring.cloud.aws.region.static", () -> REGION);
		registry.add("spring.cloud.aws.credentials.access-key", () -> AwsEnvironment.ACCESS_KEY);
		registry.add("spring.cloud.aws.credentials.secret-key", () -> AwsEnvironment.SECRET_KEY);
	}

	public SqsClient sqs() {
		return SqsClient.builder()
			.endpointOverride(endpoint)
			.region(Region.of(REGION))
			.credentialsProvider(credentials())
			.build();
	}

	public SqsAsyncClient sqsAsync() {
		return SqsAsyncClient.builder()
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
		return StaticCredentialsProvider
			.create(AwsBasicCredentials.create(AwsEnvironment.ACCESS_KEY, AwsEnvironment.SECRET_KEY));
	}

}
