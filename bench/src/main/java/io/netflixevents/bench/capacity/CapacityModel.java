package io.netflixevents.bench.capacity;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.netflixevents.bench.Aws;
import io.netflixevents.bench.BenchTools;
import io.netflixevents.bench.ServiceProcess;
import io.netflixevents.event.MovieDetailsViewedEvent;
import io.netflixevents.testsupport.DynamoDbProxy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * {@code bench/run.sh --capacity}: for each design (the services as they were at the "before" commit, if given, and
 * as they are now), starts the four consumer services from their jars, each with its own queue on fauxqs and its
 * own table on a moto process behind a {@link DynamoDbProxy} whose {@link CapacityRecorder} bills every call, runs
 * them through the same {@link Workload} side by side, and writes {@code capacity.md}, {@code capacity.png} and the
 * raw figures.
 * <p>
 * Usage: {@code CapacityModel --root <repo> --fauxqs <url> --moto <url>,<url>,<url>,<url> --out <dir>
 * [--before <dir with the four jars>] [--events N] [--minutes M] [--smoke]}, or {@code CapacityModel --report
 * <capacity.json> --out <dir> --taken <minutes> --when <yyyy-MM-dd HH:mm UTC>} to write the report again from a run's raw figures.
 */
public final class CapacityModel {

	static final List<String> SERVICES = List.of("recommendation", "search", "streaming", "user");

	private static final String JAVA = ProcessHandle.current().info().command().orElse("java");

	private static final long SEED = 14;

	private CapacityModel() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = BenchTools.options(args);
		if (options.containsKey("report")) {
			Path json = Path.of(options.get("report"));
			List<Figures> figures = CapacityReport.read(json);
			CapacityReport.write(Path.of(options.get("out")), json.getParent(), figures, false,
					(int) figures.stream().mapToLong(Figures::sent).max().orElse(0),
					Double.parseDouble(options.getOrDefault("taken", "0")), options.get("when"));
			return;
		}
		Runtime.getRuntime()
			.addShutdownHook(new Thread(() -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroy)));
		boolean smoke = options.containsKey("smoke");
		Path root = Path.of(options.get("root"));
		Path out = Path.of(options.get("out"));
		Path raw = smoke ? out : out.resolve("raw/capacity");
		Files.createDirectories(raw.resolve("logs"));
		URI fauxqs = URI.create(options.get("fauxqs"));
		List<URI> motos = Arrays.stream(options.get("moto").split(",")).map(URI::create).toList();
		int events = Integer.parseInt(options.getOrDefault("events", smoke ? "200" : "5000"));
		Duration budget = Duration.ofSeconds((long) (60 * Double.parseDouble(options.getOrDefault("minutes",
				smoke ? "1.25" : "5"))));
		Map<String, Path> designs = new LinkedHashMap<>();
		if (options.containsKey("before")) {
			designs.put("before", Path.of(options.get("before")));
		}
		designs.put("after", root);
		String flags = run(root.resolve("infra/local/launch.sh").toString(), "--flags").trim();

		long started = System.nanoTime();
		List<Figures> figures = new ArrayList<>();
		boolean failed = false;
		try (SqsClient sqs = Aws.sqs(fauxqs)) {
			for (Map.Entry<String, Path> design : designs.entrySet()) {
				List<ServiceRun> runs = runDesign(design.getKey(), design.getValue(), flags, sqs, fauxqs, motos, raw,
						events, smoke, budget);
				for (ServiceRun run : runs) {
					Figures result = Figures.of(run);
					figures.add(result);
					boolean apiFailed = result.apis().stream().anyMatch(api -> api.failures() > 0);
					if (result.applied() == 0 || result.lost() > 0 || apiFailed) {
						log(design.getKey() + " " + run.service + ": " + result.applied() + " of " + result.sent()
								+ " events applied" + (apiFailed ? ", a read API failed" : "") + "; refusals "
								+ result.refusals());
						failed |= smoke || result.applied() == 0 || apiFailed;
					}
				}
			}
		}
		catch (Exception ex) {
			ex.printStackTrace();
			failed = true;
		}
		double minutes = (System.nanoTime() - started) / 60e9;
		if (!figures.isEmpty()) {
			CapacityReport.write(out, raw, figures, smoke, events, minutes);
		}
		log("wrote " + out.resolve("capacity.md") + " in " + String.format("%.1f", minutes) + " min"
				+ (failed ? "; FAILED (see above)" : ""));
		System.exit(failed ? 1 : 0);
	}

	/** One design: its tables, queues, proxies and services, and the four runs side by side. */
	private static List<ServiceRun> runDesign(String design, Path jars, String flags, SqsClient sqs, URI fauxqs,
			List<URI> motos, Path raw, int eventCount, boolean smoke, Duration budget) throws Exception {
		log(design + ": starting the four services (" + jars + ")");
		List<ServiceProcess> processes = new ArrayList<>();
		List<DynamoDbProxy> proxies = new ArrayList<>();
		List<ServiceRun> runs = new ArrayList<>();
		try {
			for (int i = 0; i < SERVICES.size(); i++) {
				String service = SERVICES.get(i);
				String name = "capacity-" + design + "-" + service;
				URI moto = motos.get(i % motos.size());
				createTable(moto, name);
				String queueUrl = createQueue(sqs, name);
				CapacityRecorder recorder = new CapacityRecorder(moto);
				DynamoDbProxy proxy = DynamoDbProxy.start(moto, recorder);
				proxies.add(proxy);
				int port = freePort();
				Map<String, String> environment = new HashMap<>(Map.of("AWS_ENDPOINT_URL", fauxqs.toString(),
						"AWS_REGION", "us-east-1", "AWS_DEFAULT_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "test",
						"AWS_SECRET_ACCESS_KEY", "test", "SERVER_PORT", Integer.toString(port), "AWS_SQS_QUEUE_URL",
						name, "AWS_DYNAMODB_TABLE", name));
				List<String> command = new ArrayList<>(List.of(JAVA));
				command.addAll(List.of(flags.split(" ")));
				command.addAll(List.of("-jar", jar(jars, service).toString(),
						"--spring.cloud.aws.dynamodb.endpoint=" + proxy.endpoint()));
				ServiceProcess process = ServiceProcess.start(name, command, environment, raw.resolve("logs"));
				processes.add(process);
				runs.add(new ServiceRun(design, service, recorder, process, URI.create("http://127.0.0.1:" + port),
						sqs, queueUrl, SEED + i));
			}
			for (int i = 0; i < runs.size(); i++) {
				processes.get(i).awaitHttp(runs.get(i).base().resolve("/actuator/health"), Duration.ofSeconds(180));
			}
			log(design + ": services up; " + eventCount + " events each");
			List<MovieDetailsViewedEvent> events = new Workload(SEED).next(eventCount);
			ExecutorService threads = Executors.newFixedThreadPool(runs.size());
			try {
				List<Future<?>> done = new ArrayList<>();
				for (ServiceRun run : runs) {
					done.add(threads.submit(() -> {
						run.run(events, smoke ? 1 : 5, smoke ? 2 : 4, Duration.ofSeconds(smoke ? 2 : 4), budget);
						return null;
					}));
				}
				for (Future<?> future : done) {
					future.get();
				}
			}
			finally {
				threads.shutdownNow();
			}
			return runs;
		}
		finally {
			ServiceProcess.closeAll(processes);
			proxies.forEach(DynamoDbProxy::close);
		}
	}

	/** The service's jar: {@code <dir>/<service>-service.jar} or, in a checkout, its module's target. */
	private static Path jar(Path dir, String service) {
		Path flat = dir.resolve(service + "-service.jar");
		return Files.exists(flat) ? flat : dir.resolve(service + "-service/target/" + service + "-service.jar");
	}

	private static void createTable(URI moto, String name) {
		try (DynamoDbClient dynamoDb = Aws.dynamoDb(moto)) {
			dynamoDb.createTable(t -> t.tableName(name)
				.billingMode(BillingMode.PAY_PER_REQUEST)
				.attributeDefinitions(attribute("pk"), attribute("sk"))
				.keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
						KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build()));
		}
	}

	private static AttributeDefinition attribute(String name) {
		return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
	}

	/** A queue with infra/local/topology.sh's settings and its dead-letter queue ({@code <name>-dlq}). */
	private static String createQueue(SqsClient sqs, String name) {
		String dlq = sqs.createQueue(q -> q.queueName(name + "-dlq")).queueUrl();
		String dlqArn = sqs.getQueueAttributes(a -> a.queueUrl(dlq).attributeNames(QueueAttributeName.QUEUE_ARN))
			.attributes()
			.get(QueueAttributeName.QUEUE_ARN);
		return sqs.createQueue(q -> q.queueName(name)
			.attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "60", QueueAttributeName.MESSAGE_RETENTION_PERIOD,
					"86400", QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS, "20",
					QueueAttributeName.REDRIVE_POLICY,
					"{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"5\"}")))
			.queueUrl();
	}

	private static int freePort() throws java.io.IOException {
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static String run(String... command) throws Exception {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (process.waitFor() != 0) {
			throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
		}
		return output;
	}

	static void log(String message) {
		System.out.println("[capacity " + LocalTime.now().withNano(0) + "] " + message);
	}

}
