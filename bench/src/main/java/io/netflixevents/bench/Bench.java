package io.netflixevents.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.netflixevents.event.EventJson;
import io.netflixevents.event.MovieDetailsViewedEvent;
import io.netflixevents.testsupport.FaultProxy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs every case of the benchmark, once with the emulators as they are and once behind a {@link FaultProxy} that
 * adds latency to every request, and writes {@code results.md} and {@code chart.png}.
 * <p>
 * Usage: {@code Bench --root <repo> --fauxqs <url> --moto <url>[,<url>…] --out <dir> [--smoke]}: with several moto
 * URLs, the services' tables are spread over them, one each while there are enough.
 */
public final class Bench {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern EVENT_ID = Pattern.compile("\"eventId\"\\s*:\\s*\"([0-9a-f-]{36})\"");

	/** The bench's own Java: the naive frontend, and with the services' flags the no-op app and the raw loops' copies. */
	private static final String JAVA = ProcessHandle.current().info().command().orElse("java");

	private static final String LAUNCHER = "infra/local/launch.sh";

	private static final int FRONTEND_PORT = 18080;

	private static final int NAIVE_PORT = 18090;

	private static final int RAW_PUBLISH_PORT = 18095;

	private static final int FIRST_CONSUMER_PORT = 18081;

	/** The consumers' listener settings (their defaults), which the raw loops and case 0 use too. */
	private static final ListenerSettings LISTENER = ListenerSettings.ofConsumers();

	private static final int MAX_MESSAGES_PER_POLL = LISTENER.maxMessagesPerPoll();

	private static final int MAX_CONCURRENT_MESSAGES = LISTENER.maxConcurrentMessages();

	/** Case 1's warm-up: at least this many drains of its size of each queue, ... */
	private static final int WARM_UP_DRAINS = 6;

	/** ... then more until the JIT compilers of the no-op app and the raw loop's copy use under this share of CPU, ... */
	private static final double QUIET_COMPILER_SHARE = 0.1;

	/** ... for this long at most. */
	private static final Duration WARM_UP_LIMIT = Duration.ofSeconds(60);

	private static final int LOAD_CONCURRENCY = 16;

	/** Case 3's warm-up of each side before its runs. */
	private static final int LOAD_WARM_UP_SECONDS = 20;

	private static final int FANOUT_CONCURRENCY = 4;

	/** The issue's steady rate, through fauxqs and the four services' stores on moto. */
	private static final int E2E_RATE = 50;

	private final boolean smoke;

	private final int runs;

	private final Path root;

	private final URI fauxqs;

	/** moto processes serving DynamoDB: service i's table is on stores.get(i % stores.size()). */
	private final List<URI> stores;

	private final Path out;

	private final Path logs;

	private final Topology topology;

	private final SqsClient directSqs;

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2)).executor(Executors.newFixedThreadPool(8)).build();

	final List<Report.Row> rows = new ArrayList<>();

	final Map<String, Map<Integer, double[]>> endToEnd = new LinkedHashMap<>();

	/** The Java the services ran on (launch.sh picks it), as the frontend logged it. */
	String serviceJava = "n/a";

	/**
	 * The JVM flags the services run with ({@code launch.sh --flags}); the no-op app and the raw loops' copies get
	 * them too.
	 */
	final String serviceFlags;

	/** The cases to run ({@code --cases 5}, or {@code 1,2}); all of them when empty. */
	private final Set<String> cases;

	private Bench(boolean smoke, Set<String> cases, Path root, URI fauxqs, List<URI> stores, Path out)
			throws java.io.IOException, InterruptedException {
		this.smoke = smoke;
		this.cases = cases;
		this.runs = smoke ? 1 : 3;
		this.root = root;
		this.fauxqs = fauxqs;
		this.stores = stores;
		this.out = out;
		this.logs = out.resolve("raw/logs");
		this.topology = Topology.create(fauxqs, stores);
		this.directSqs = Aws.sqs(fauxqs);
		this.serviceFlags = serviceFlags(root, SteadyState.SETUPS.get(0));
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = BenchTools.options(args);
		// the services, apps and loops it started must not outlive a bench that is stopped or fails
		Runtime.getRuntime()
			.addShutdownHook(new Thread(() -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroy)));
		long started = System.nanoTime();
		Set<String> cases = options.containsKey("cases") ? Set.of(options.get("cases").split(",")) : Set.of();
		Bench bench = new Bench(options.containsKey("smoke"), cases, Path.of(options.get("root")),
				URI.create(options.get("fauxqs")),
				java.util.Arrays.stream(options.get("moto").split(",")).map(URI::create).toList(),
				Path.of(options.get("out")));
		int status = 0;
		try {
			bench.attempt("emulator capacity", 0, bench::emulatorCapacity);
			for (int latency : options.containsKey("latencies")
					? java.util.Arrays.stream(options.get("latencies").split(",")).map(Integer::valueOf).toList()
					: List.of(0, 15)) {
				bench.attempt("phase", latency, () -> bench.phase(latency));
				Report.write(bench, (System.nanoTime() - started) / 60e9);
			}
		}
		catch (Throwable ex) {
			ex.printStackTrace();
			status = 1;
		}
		if (bench.rows.stream().anyMatch(row -> row.id().equals("!"))) {
			System.err.println("bench: a case failed; its row in results.md says which");
			status = 1;
		}
		double minutes = (System.nanoTime() - started) / 60e9;
		Report.write(bench, minutes);
		System.out.println("bench: wrote " + bench.out.resolve("results.md") + " in " + Stats.num(minutes) + " min");
		System.exit(status);
	}

	interface Step {

		void run() throws Exception;

	}

	/** Runs one case unless {@code --cases} leaves it out; when it fails, the table says so and the bench goes on. */
	void attempt(String name, int latency, Step step) {
		if (!selected(name)) {
			return;
		}
		try {
			step.run();
		}
		catch (Exception ex) {
			log(name + " failed: " + ex);
			ex.printStackTrace();
			rows.add(new Report.Row("!", name + " FAILED: " + String.valueOf(ex.getMessage()).replace('|', '/')
				.lines().findFirst().orElse(""), "—", latency, "—", "—", null, "—"));
		}
	}

	/** Whether a step runs: a phase always; "case 3", "cases 1-2" and "emulator capacity" (case 0) when selected. */
	private boolean selected(String name) {
		if (cases.isEmpty() || name.equals("phase")) {
			return true;
		}
		String numbers = name.equals("emulator capacity") ? "0" : name.replaceFirst("^cases? ", "");
		return java.util.Arrays.stream(numbers.split("-")).anyMatch(cases::contains);
	}

	boolean smoke() {
		return smoke;
	}

	Path out() {
		return out;
	}

	int runs() {
		return runs;
	}

	static void log(String message) {
		System.out.println("[bench " + java.time.LocalTime.now().withNano(0) + "] " + message);
	}

	// ---- the emulators' own capacity -------------------------------------------------------------------------

	/** What one moto process's DynamoDB does on its own: two-item transactions like a consumer's, 20 at a time. */
	private void emulatorCapacity() throws Exception {
		log("emulator capacity: moto DynamoDB transactions");
		try (DynamoDbClient dynamoDb = Aws.dynamoDb(stores.get(0))) {
			String table = "netflix-events-" + Topology.SERVICES.get(0); // the table on that process
			ClosedLoop.Request transaction = (worker, sequence) -> {
				String id = UUID.randomUUID().toString();
				dynamoDb.transactWriteItems(t -> t.transactItems(
						TransactWriteItem.builder().put(p -> p.tableName(table)
							.item(Map.of("pk", s("bench#" + id), "sk", s("marker")))
							.conditionExpression("attribute_not_exists(pk)")).build(),
						TransactWriteItem.builder().update(u -> u.tableName(table)
							.key(Map.of("pk", s("bench-counter#" + worker), "sk", s("counter")))
							.updateExpression("ADD applied :one")
							.expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))).build()));
				return true;
			};
			ClosedLoop.run(MAX_CONCURRENT_MESSAGES, seconds(1), transaction);
			List<Double> rates = new ArrayList<>();
			for (int i = 0; i < runs; i++) {
				rates.add(ClosedLoop.run(MAX_CONCURRENT_MESSAGES, seconds(smoke ? 1 : 3), transaction).perSecond());
			}
			rows.add(new Report.Row("0",
					"Emulator capacity: DynamoDB TransactWriteItems (2 items), " + MAX_CONCURRENT_MESSAGES
							+ " at a time, one moto process",
					"moto 5.2.1", 0, Stats.Summary.of(rates).format("tx/s"), "—", null, "—"));
		}
	}

	// ---- one latency setting -----------------------------------------------------------------------------------

	private void phase(int latency) throws Exception {
		log("phase: +" + latency + " ms per AWS request");
		FaultProxy awsProxy = latency == 0 ? null : FaultProxy.withLatency(fauxqs, Duration.ofMillis(latency));
		List<FaultProxy> storeProxies = new ArrayList<>();
		List<URI> storeEndpoints = new ArrayList<>();
		for (URI store : stores) {
			if (latency == 0) {
				storeEndpoints.add(store);
			}
			else {
				storeProxies.add(FaultProxy.withLatency(store, Duration.ofMillis(latency)));
				storeEndpoints.add(storeProxies.get(storeProxies.size() - 1).endpoint());
			}
		}
		URI aws = awsProxy == null ? fauxqs : awsProxy.endpoint();
		// the frontend's archive completion is off: the bench's topology has no archive queue, and the cases measure
		// the ingest path (the completion's own cost is a HEAD per event, 15 s later; docs/cost.md)
		Map<String, String> environment = new HashMap<>(Map.of("AWS_ENDPOINT_URL", aws.toString(), "AWS_REGION",
				"us-east-1", "AWS_DEFAULT_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY",
				"test", "ARCHIVE_COMPLETION", "false"));
		List<ServiceProcess> processes = new ArrayList<>();
		Map<String, ServiceProcess> services = new LinkedHashMap<>();
		Map<String, Double> startSeconds = new LinkedHashMap<>();
		Map<String, Double> idleRss = new LinkedHashMap<>();
		try {
			Map<String, String> frontendEnvironment = new HashMap<>(environment);
			frontendEnvironment.putAll(Map.of("SERVER_PORT", Integer.toString(FRONTEND_PORT), "AWS_SNS_TOPIC",
					Topology.TOPIC, "AWS_S3_BUCKET", Topology.BUCKET));
			IdleMachine.await(seconds(30));
			ServiceProcess frontend = ServiceProcess.start("frontend-service-" + latency + "ms",
					List.of(launcher(), "frontend-service"), frontendEnvironment, logs);
			processes.add(frontend);
			services.put("frontend-service", frontend);
			startSeconds.put("frontend-service", frontend.awaitHttp(health(FRONTEND_PORT), seconds(120)));
			serviceJava = frontend.javaVersion();
			if (latency == 0) { // its idle RSS now: cases 3 and 4 load it before the consumers start
				Thread.sleep(smoke ? 1000 : 5000);
				idleRss.put("frontend-service", frontend.rssMegabytes());
			}

			ServiceProcess naive = ServiceProcess.start("naive-frontend-" + latency + "ms",
					List.of(JAVA, "-cp", benchClasspath(), NaiveFrontend.class.getName(),
							Integer.toString(NAIVE_PORT), aws.toString(), Topology.BUCKET),
					environment, logs);
			processes.add(naive);
			naive.awaitHttp(health(NAIVE_PORT), seconds(60));

			ServiceProcess rawPublisher = ServiceProcess.start("raw-publish-loop-" + latency + "ms",
					rawPublishCommand(aws), environment, logs);
			processes.add(rawPublisher);
			rawPublisher.awaitHttp(URI.create("http://127.0.0.1:" + RAW_PUBLISH_PORT + "/health"), seconds(60));

			attempt("case 3", latency, () -> frontendVsRawSdk(latency, aws, frontend, rawPublisher));
			attempt("case 4", latency, () -> fanOutVsNaive(latency));
			for (ServiceProcess done : List.of(naive, rawPublisher)) {
				done.close();
				processes.remove(done);
			}
			attempt("case 7", latency, () -> new SteadyState(this).run(latency, aws, environment, rows::add));
			purgeServiceQueues();

			for (int i = 0; i < Topology.SERVICES.size(); i++) {
				String service = Topology.SERVICES.get(i);
				int port = FIRST_CONSUMER_PORT + i;
				Map<String, String> consumerEnvironment = new HashMap<>(environment);
				consumerEnvironment.putAll(Map.of("SERVER_PORT", Integer.toString(port), "AWS_SQS_QUEUE_URL",
						"netflix-events-" + service, "AWS_DYNAMODB_TABLE", "netflix-events-" + service));
				IdleMachine.await(seconds(30));
				ServiceProcess consumer = ServiceProcess.start(service + "-service-" + latency + "ms",
						List.of(launcher(), service + "-service",
								"--spring.cloud.aws.dynamodb.endpoint=" + storeEndpoints.get(i % storeEndpoints.size())),
						consumerEnvironment, logs);
				processes.add(consumer);
				services.put(service + "-service", consumer);
				startSeconds.put(service + "-service", consumer.awaitHttp(health(port), seconds(120)));
			}
			if (latency == 0) {
				Thread.sleep(smoke ? 1000 : 5000);
				for (var entry : services.entrySet()) {
					double rss = entry.getValue().rssMegabytes();
					String memory = idleRss.containsKey(entry.getKey())
							? Stats.num(idleRss.get(entry.getKey())) + " MB (after cases 3 and 4: " + Stats.num(rss)
									+ " MB)"
							: Stats.num(rss) + " MB";
					rows.add(new Report.Row("6", "Footprint: " + entry.getKey()
							+ " start (launch → health 200, started on an idle machine; Spring's own figure) and idle RSS",
							"fauxqs 2.4.1 + moto 5.2.1", 0, Stats.num(startSeconds.get(entry.getKey())) + " s (Spring: "
									+ entry.getValue().springStartup() + "), " + memory,
							"—", null, "< 3 s, < 300 MB"));
				}
			}

			ServiceProcess noop = ServiceProcess.start("noop-listener-" + latency + "ms",
					noopCommand(), environment, logs);
			processes.add(noop);
			ServiceProcess rawLoop = ServiceProcess.start("raw-loop-" + latency + "ms", rawLoopCommand(aws), environment,
					logs);
			processes.add(rawLoop);
			ServiceProcess tutorial = ServiceProcess.start("tutorial-boto3-" + latency + "ms",
					List.of("python3", root.resolve("bench/tutorial_consumer.py").toString(), aws.toString(),
							topology.queueUrl("bench-tutorial")),
					Map.of(), logs);
			processes.add(tutorial);
			attempt("cases 1-2", latency, () -> consumersVsBaselines(latency, aws, noop, rawLoop));
			attempt("case 5", latency, () -> endToEnd(latency));
		}
		finally {
			ServiceProcess.closeAll(processes);
			if (awsProxy != null) {
				awsProxy.close();
			}
			for (FaultProxy proxy : storeProxies) {
				proxy.close();
			}
		}
	}

	// ---- case 3: the frontend vs the raw SDK ------------------------------------------------------------------

	private void frontendVsRawSdk(int latency, URI aws, ServiceProcess frontend, ServiceProcess rawPublisher)
			throws Exception {
		log("case 3: frontend vs raw SDK S3 put + SNS publish, " + LOAD_CONCURRENCY + " at a time");
		try (KeepAliveClient frontendClient = new KeepAliveClient(eventsUrl(FRONTEND_PORT));
				RawPublishLoop raw = new RawPublishLoop(aws, topology.topicArn, LOAD_CONCURRENCY)) {
			ClosedLoop.Request ours = (worker, sequence) -> frontendClient.post(body(worker, sequence)) == 202;
			Duration run = seconds(smoke ? 1 : 4);
			// The frontend is a fresh JVM: measured, its CPU per event was 10.7, 7.8 and 4.8 ms in three 4 s runs after
			// a 3 s warm-up, 3.1-2.9 ms after 30 s; the JIT compiles a method once it ran some 10,000 times.
			int warmUp = smoke ? 1 : LOAD_WARM_UP_SECONDS;
			ClosedLoop.run(LOAD_CONCURRENCY, seconds(warmUp), ours);
			ClosedLoop.run(LOAD_CONCURRENCY, seconds(warmUp), raw);
			RawPublishLoop.runIn(http, RAW_PUBLISH_PORT, seconds(warmUp));
			List<ClosedLoop.Result> oursResults = new ArrayList<>();
			List<ClosedLoop.Result> rawResults = new ArrayList<>();
			List<ClosedLoop.Result> rawOwnJvmResults = new ArrayList<>();
			List<Double> oursCpu = new ArrayList<>();
			List<Double> rawCpu = new ArrayList<>();
			List<Double> rawOwnJvmCpu = new ArrayList<>();
			for (int i = 0; i < runs; i++) {
				Duration frontendBefore = frontend.cpuTime();
				long benchBefore = benchCpuNanos();
				ClosedLoop.Result oursResult = ClosedLoop.run(LOAD_CONCURRENCY, run, ours);
				oursCpu.add(((frontend.cpuTime().minus(frontendBefore).toNanos()) + benchCpuNanos() - benchBefore)
						/ 1e6 / Math.max(1, oursResult.ok()));
				oursResults.add(oursResult);
				benchBefore = benchCpuNanos();
				ClosedLoop.Result rawResult = ClosedLoop.run(LOAD_CONCURRENCY, run, raw);
				rawCpu.add((benchCpuNanos() - benchBefore) / 1e6 / Math.max(1, rawResult.ok()));
				rawResults.add(rawResult);
				Duration rawPublisherBefore = rawPublisher.cpuTime();
				ClosedLoop.Result rawOwnJvmResult = RawPublishLoop.runIn(http, RAW_PUBLISH_PORT, run);
				rawOwnJvmCpu.add(rawPublisher.cpuTime().minus(rawPublisherBefore).toNanos() / 1e6
						/ Math.max(1, rawOwnJvmResult.ok()));
				rawOwnJvmResults.add(rawOwnJvmResult);
			}
			String emulator = "fauxqs 2.4.1";
			rows.add(new Report.Row("3", "Frontend vs raw SDK (S3 put and SNS publish at once, as the frontend does): events/s, "
					+ LOAD_CONCURRENCY + " clients, each side warmed up " + warmUp + " s",
					emulator, latency,
					summary(oursResults, ClosedLoop.Result::perSecond).format("/s")
							+ failures(oursResults),
					summary(rawResults, ClosedLoop.Result::perSecond).format("/s") + failures(rawResults),
					ratios(oursResults, rawResults, ClosedLoop.Result::perSecond), "≥ 0.8×"));
			rows.add(new Report.Row("3", "Frontend vs raw SDK: p50 / p99 latency (ratio of p50, lower is better)",
					emulator, latency,
					summary(oursResults, ClosedLoop.Result::p50Millis).format("ms") + " / "
							+ summary(oursResults, ClosedLoop.Result::p99Millis).format("ms"),
					summary(rawResults, ClosedLoop.Result::p50Millis).format("ms") + " / "
							+ summary(rawResults, ClosedLoop.Result::p99Millis).format("ms"),
					ratios(oursResults, rawResults, ClosedLoop.Result::p50Millis), "—"));
			rows.add(new Report.Row("3", "Frontend vs raw SDK: CPU time per event (the frontend JVM and the bench JVM "
					+ "posting to it, vs the bench JVM's raw loop; the emulator's own CPU left out)", emulator, latency,
					Stats.Summary.of(oursCpu).format("ms"), Stats.Summary.of(rawCpu).format("ms"),
					ratios(oursCpu, rawCpu), "—"));
			rows.add(new Report.Row("3", "Frontend vs raw SDK, the framework alone: events/s against the same raw loop "
					+ "in a fresh JVM of its own with the services' flags (" + serviceFlags + "), warmed alike",
					emulator, latency,
					summary(oursResults, ClosedLoop.Result::perSecond).format("/s") + failures(oursResults),
					summary(rawOwnJvmResults, ClosedLoop.Result::perSecond).format("/s") + failures(rawOwnJvmResults),
					ratios(oursResults, rawOwnJvmResults, ClosedLoop.Result::perSecond), "—"));
			rows.add(new Report.Row("3", "Frontend vs raw SDK, the framework alone: CPU time per event (as above, vs "
					+ "that JVM's)", emulator, latency, Stats.Summary.of(oursCpu).format("ms"),
					Stats.Summary.of(rawOwnJvmCpu).format("ms"), ratios(oursCpu, rawOwnJvmCpu), "—"));
		}
	}

	// ---- case 4: fan-out vs synchronous calls -----------------------------------------------------------------

	private void fanOutVsNaive(int latency) throws Exception {
		try (KeepAliveClient ours = new KeepAliveClient(eventsUrl(FRONTEND_PORT));
				KeepAliveClient naive = new KeepAliveClient(eventsUrl(NAIVE_PORT))) {
			Duration run = seconds(smoke ? 1 : 2);
			for (int work : List.of(0, 20, 100)) {
				log("case 4: fan-out vs naive synchronous calls, consumers' work " + work + " ms");
				http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + NAIVE_PORT + "/sleep?ms=" + work))
					.build(), HttpResponse.BodyHandlers.discarding());
				ClosedLoop.Request oursRequest = (worker, sequence) -> ours.post(body(worker, sequence)) == 202;
				ClosedLoop.Request naiveRequest = (worker, sequence) -> naive.post(body(worker, sequence)) == 202;
				if (!smoke) {
					ClosedLoop.run(FANOUT_CONCURRENCY, seconds(1), oursRequest);
					ClosedLoop.run(FANOUT_CONCURRENCY, seconds(1), naiveRequest);
				}
				List<ClosedLoop.Result> oursResults = new ArrayList<>();
				List<ClosedLoop.Result> naiveResults = new ArrayList<>();
				for (int i = 0; i < runs; i++) {
					oursResults.add(ClosedLoop.run(FANOUT_CONCURRENCY, run, oursRequest));
					naiveResults.add(ClosedLoop.run(FANOUT_CONCURRENCY, run, naiveRequest));
				}
				rows.add(new Report.Row("4", "Fan-out vs naive frontend (4 sync HTTP calls), each service works " + work
						+ " ms: p50 / p99 request latency (ratio of p50)", "fauxqs 2.4.1", latency,
						summary(oursResults, ClosedLoop.Result::p50Millis).format("ms") + " / "
								+ summary(oursResults, ClosedLoop.Result::p99Millis).format("ms"),
						summary(naiveResults, ClosedLoop.Result::p50Millis).format("ms") + " / "
								+ summary(naiveResults, ClosedLoop.Result::p99Millis).format("ms"),
						ratios(oursResults, naiveResults, ClosedLoop.Result::p50Millis), "ours flat as work grows"));
			}
		}
	}

	// ---- cases 1 and 2: draining a queue ----------------------------------------------------------------------

	private void consumersVsBaselines(int latency, URI aws, ServiceProcess noopApp, ServiceProcess rawLoopApp)
			throws Exception {
		AtomicBoolean stop = new AtomicBoolean();
		RawDrainLoop.start(Aws.sqs(aws), topology.queueUrl("bench-raw"),
				MAX_CONCURRENT_MESSAGES / MAX_MESSAGES_PER_POLL, MAX_MESSAGES_PER_POLL, stop);
		try {
			int big = smoke ? 200 : (latency == 0 ? 3000 : 1000);
			int real = smoke ? 30 : (latency == 0 ? 100 : 40);
			int tutorialCount = smoke ? 20 : (latency == 0 ? 300 : 100);
			log("cases 1-2: drain warm-up");
			// The no-op app is a fresh JVM whose container and SDK code the JIT has yet to compile (measured at 0 ms with
			// the services' flags: its compilers went quiet after some 45,000 messages, and a message's CPU fell from
			// 270 to about 100 µs), and so is the raw loop's own JVM; the raw loop in this JVM ran in cases 0, 3 and 4.
			int warmUps = 0;
			double compilerShare;
			long warmUpEnd = System.nanoTime() + WARM_UP_LIMIT.toNanos();
			do {
				JitShare noopJit = new JitShare(noopApp);
				JitShare rawLoopJit = new JitShare(rawLoopApp);
				drain("bench-noop", smoke ? 10 : big);
				drain("bench-raw", smoke ? 10 : big);
				drain("bench-raw-jvm", smoke ? 10 : big);
				warmUps++;
				compilerShare = Math.max(noopJit.now(), rawLoopJit.now());
			}
			while (!smoke && (warmUps < WARM_UP_DRAINS
					|| compilerShare >= QUIET_COMPILER_SHARE && System.nanoTime() < warmUpEnd));
			String warmUp = warmUps + " such drains of warm-up first (the JIT compilers of the fresh JVMs then at "
					+ Math.round(100 * compilerShare) + " % of their CPU at most)";
			log("cases 1-2: " + warmUp);
			drain("bench-tutorial", smoke ? 5 : tutorialCount / 4);
			drain("netflix-events-user", smoke ? 5 : real / 4);
			List<Double> noop = new ArrayList<>();
			List<Double> raw = new ArrayList<>();
			List<Double> rawOwnJvm = new ArrayList<>();
			List<Double> tutorial = new ArrayList<>();
			List<Double> user = new ArrayList<>();
			for (int i = 0; i < runs; i++) {
				log("cases 1-2: drain run " + (i + 1));
				noop.add(drain("bench-noop", big));
				raw.add(drain("bench-raw", big));
				rawOwnJvm.add(drain("bench-raw-jvm", big));
				tutorial.add(drain("bench-tutorial", tutorialCount));
				user.add(drain("netflix-events-user", real));
			}
			String settings = MAX_MESSAGES_PER_POLL + "/poll, " + MAX_CONCURRENT_MESSAGES + " in flight";
			rows.add(new Report.Row("1", "Consumer vs raw SDK loop (receive 10, batch delete; " + settings
					+ "): bench no-op @SqsListener app, deletes batched as the services batch them, " + big
					+ " msgs a run, " + warmUp,
					"fauxqs 2.4.1", latency,
					Stats.Summary.of(noop).format("msg/s"), Stats.Summary.of(raw).format("msg/s"),
					ratios(noop, raw), "≥ 0.9×"));
			rows.add(new Report.Row("1", "Consumer vs raw SDK loop, the framework alone: the same no-op app vs the same "
					+ "raw loop in a fresh JVM of its own with the services' flags (" + serviceFlags + "), warmed alike",
					"fauxqs 2.4.1", latency,
					Stats.Summary.of(noop).format("msg/s"), Stats.Summary.of(rawOwnJvm).format("msg/s"),
					ratios(noop, rawOwnJvm), "—"));
			rows.add(new Report.Row("1", "Consumer vs raw SDK loop: user-service, real processing, DynamoDB store, "
					+ real + " msgs (raw loop has no store)", "fauxqs 2.4.1 + moto 5.2.1 (DynamoDB)", latency,
					Stats.Summary.of(user).format("msg/s"), Stats.Summary.of(raw).format("msg/s"),
					ratios(user, raw), "≥ 0.9×"));
			rows.add(new Report.Row("2", "Consumer vs tutorial boto3 loop (1 per receive, then delete), 1 instance: "
					+ "no-op app vs " + tutorialCount + " msgs", "fauxqs 2.4.1", latency,
					Stats.Summary.of(noop).format("msg/s"), Stats.Summary.of(tutorial).format("msg/s"),
					ratios(noop, tutorial), latency == 0 ? "—" : "≥ 20×"));
			rows.add(new Report.Row("2", "Consumer vs tutorial boto3 loop: user-service with its DynamoDB store",
					"fauxqs 2.4.1 + moto 5.2.1 (DynamoDB)", latency, Stats.Summary.of(user).format("msg/s"),
					Stats.Summary.of(tutorial).format("msg/s"), ratios(user, tutorial),
					latency == 0 ? "—" : "≥ 20×"));
		}
		finally {
			stop.set(true);
		}
	}

	/** The share of a process's CPU that its JIT compiler threads used since this was created. */
	private static final class JitShare {

		private final ServiceProcess process;

		private final Duration cpu;

		private final Duration compilers;

		JitShare(ServiceProcess process) throws java.io.IOException {
			this.process = process;
			this.cpu = process.cpuTime();
			this.compilers = process.compilerCpuTime();
		}

		double now() throws java.io.IOException {
			return process.compilerCpuTime().minus(compilers).toMillis()
					/ (double) Math.max(1, process.cpuTime().minus(cpu).toMillis());
		}

	}

	/**
	 * Fills the queue with {@code count} events as fast as the emulator takes them (while its consumer runs) and
	 * returns messages per second from the first send until the queue holds nothing, visible or in flight.
	 */
	private double drain(String queueName, int count) throws InterruptedException {
		String queue = topology.queueUrl(queueName);
		long start = System.nanoTime();
		List<Thread> senders = new ArrayList<>();
		int perSender = (count + 3) / 4;
		for (int s = 0; s < 4; s++) {
			int from = s * perSender;
			int to = Math.min(count, from + perSender);
			Thread sender = new Thread(() -> {
				for (int i = from; i < to; i += 10) {
					List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
					for (int j = i; j < Math.min(to, i + 10); j++) {
						entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(j - i))
							.messageBody(EventJson.encode(event(j, j))).build());
					}
					directSqs.sendMessageBatch(b -> b.queueUrl(queue).entries(entries));
				}
			});
			sender.start();
			senders.add(sender);
		}
		for (Thread sender : senders) {
			sender.join();
		}
		long deadline = start + Duration.ofSeconds(smoke ? 60 : 180).toNanos();
		while (System.nanoTime() < deadline) {
			Map<QueueAttributeName, String> attributes = directSqs.getQueueAttributes(a -> a.queueUrl(queue)
				.attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
						QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
				.attributes();
			if (attributes.values().stream().allMatch("0"::equals)) {
				return count / ((System.nanoTime() - start) / 1e9);
			}
			Thread.sleep(10);
		}
		log("drain of " + queueName + " timed out; purging it");
		directSqs.purgeQueue(p -> p.queueUrl(queue));
		return Double.NaN;
	}

	// ---- case 5: end to end ------------------------------------------------------------------------------------

	private void endToEnd(int latency) throws Exception {
		log("case 5: end to end at " + E2E_RATE + " events/s");
		segment(seconds(smoke ? 1 : 4), E2E_RATE);
		endToEndRows(latency, E2E_RATE, runs, seconds(smoke ? 2 : 10));
	}

	private void endToEndRows(int latency, int rate, int count, Duration duration) throws Exception {
		Map<String, List<Double>> p50 = new LinkedHashMap<>();
		Map<String, List<Double>> p99 = new LinkedHashMap<>();
		List<Double> achieved = new ArrayList<>();
		int missing = 0;
		for (int i = 0; i < count; i++) {
			Segment segment = segment(duration, rate);
			achieved.add(segment.rate);
			missing += segment.missing;
			segment.latencies.forEach((service, values) -> {
				p50.computeIfAbsent(service, s -> new ArrayList<>()).add(Stats.percentile(values, 50));
				p99.computeIfAbsent(service, s -> new ArrayList<>()).add(Stats.percentile(values, 99));
			});
		}
		for (String service : p50.keySet()) {
			Stats.Summary median = Stats.Summary.of(p50.get(service));
			Stats.Summary tail = Stats.Summary.of(p99.get(service));
			endToEnd.computeIfAbsent(service, s -> new LinkedHashMap<>())
				.put(latency, new double[] { median.median(), tail.median() });
			rows.add(new Report.Row("5", "End to end, POST accepted → applied (appliedAt − occurredAt) at " + rate
					+ " events/s for " + duration.toSeconds() + " s: " + service + "-service, p50 / p99",
					"fauxqs 2.4.1 + moto 5.2.1 (DynamoDB)", latency, median.format("ms") + " / " + tail.format("ms"),
					"—", null,
					E2E_RATE + " events/s steady (achieved " + Stats.Summary.of(achieved).format("/s")
							+ (missing > 0 ? "; " + missing + " not applied within 60 s" : "") + ")"));
		}
	}

	/** Adds appliedAt − occurredAt, in ms, of the accepted events the service on the port lists among its latest. */
	private void collectLags(int port, Set<String> accepted, Map<String, Double> lags) throws Exception {
		URI recent = URI.create("http://127.0.0.1:" + port + "/api/applied-events?limit=1000");
		JsonNode events = JSON.readTree(http.send(HttpRequest.newBuilder(recent).timeout(seconds(10)).build(),
				HttpResponse.BodyHandlers.ofString()).body()).path("events");
		for (JsonNode event : events) {
			String id = event.path("eventId").asString();
			if (accepted.contains(id)) {
				lags.put(id, (double) Duration.between(Instant.parse(event.path("occurredAt").asString()),
						Instant.parse(event.path("appliedAt").asString())).toMillis());
			}
		}
	}

	private record Segment(double rate, Map<String, List<Double>> latencies, int missing) {
	}

	/** Posts at a steady rate for a while, then waits until every service applied every accepted event. */
	private Segment segment(Duration duration, int rate) throws Exception {
		URI post = eventsUrl(FRONTEND_PORT);
		Set<String> accepted = ConcurrentHashMap.newKeySet();
		List<CompletableFuture<?>> requests = java.util.Collections.synchronizedList(new ArrayList<>());
		ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
		long[] sequence = { 0 };
		long start = System.nanoTime();
		ticker.scheduleAtFixedRate(() -> {
			long n = sequence[0]++;
			requests.add(http.sendAsync(request(post, (int) (n % 50), n), HttpResponse.BodyHandlers.ofString())
				.thenAccept(response -> {
					Matcher id = EVENT_ID.matcher(response.body());
					if (response.statusCode() == 202 && id.find()) {
						accepted.add(id.group(1));
					}
				}));
		}, 0, 1_000_000 / rate, TimeUnit.MICROSECONDS);
		Thread.sleep(duration.toMillis());
		ticker.shutdown();
		ticker.awaitTermination(5, TimeUnit.SECONDS);
		double seconds = (System.nanoTime() - start) / 1e9;
		CompletableFuture.allOf(requests.toArray(CompletableFuture[]::new)).exceptionally(ex -> null).join();
		// Each service's applied events, asked for once a second, the services in turn: the lags come from their own
		// appliedAt, and asking more often would load the service still catching up (an answer is up to 1,000 events).
		Map<String, Map<String, Double>> found = new LinkedHashMap<>();
		Topology.SERVICES.forEach(service -> found.put(service, new HashMap<>()));
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		for (;;) {
			for (int i = 0; i < Topology.SERVICES.size(); i++) {
				Map<String, Double> lags = found.get(Topology.SERVICES.get(i));
				if (lags.size() < accepted.size()) {
					collectLags(FIRST_CONSUMER_PORT + i, accepted, lags);
				}
			}
			if (found.values().stream().allMatch(lags -> lags.size() >= accepted.size())
					|| System.nanoTime() > deadline) {
				break;
			}
			Thread.sleep(1000);
		}
		Map<String, List<Double>> latencies = new LinkedHashMap<>();
		int missing = 0;
		for (Map.Entry<String, Map<String, Double>> service : found.entrySet()) {
			missing += accepted.size() - service.getValue().size();
			latencies.put(service.getKey(), new ArrayList<>(service.getValue().values()));
		}
		return new Segment(accepted.size() / seconds, latencies, missing);
	}

	// ---- helpers -----------------------------------------------------------------------------------------------

	/** Empties the four services' queues of what a load case published while no consumer ran. */
	void purgeServiceQueues() {
		for (String service : Topology.SERVICES) {
			directSqs.purgeQueue(p -> p.queueUrl(topology.queueUrl("netflix-events-" + service)));
		}
	}

	String topicArn() {
		return topology.topicArn;
	}

	Path logs() {
		return logs;
	}

	/** Builds what a start of the service needs ({@code launch.sh --prepare}: its extracted jar and class archive). */
	void prepare(String service, Map<String, String> environment) throws java.io.IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(launcher(), "--prepare", service).redirectErrorStream(true);
		builder.environment().putAll(environment);
		Process prepare = builder.start();
		String output = new String(prepare.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		if (prepare.waitFor() != 0) {
			throw new IllegalStateException("launch.sh --prepare " + service + " failed: " + output);
		}
	}

	/** The JVM flags of one of launch.sh's setups ({@code JVM_SETUP}). */
	String flagsOf(String setup) throws java.io.IOException, InterruptedException {
		return serviceFlags(root, setup);
	}

	private static URI eventsUrl(int port) {
		return URI.create("http://127.0.0.1:" + port + "/api/events/movie-details-viewed");
	}

	static String body(int worker, long sequence) {
		return "{\"userId\":\"bench-user-" + worker + "\",\"movieId\":" + (1 + sequence % 500)
				+ ",\"movieTitle\":\"Bench " + (1 + sequence % 500) + "\"}";
	}

	private static HttpRequest request(URI uri, int worker, long sequence) {
		return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body(worker, sequence))).build();
	}

	static MovieDetailsViewedEvent event(int worker, long sequence) {
		return MovieDetailsViewedEvent.of(UUID.randomUUID(), Instant.now(), "bench-user-" + worker,
				1 + sequence % 500, "Bench " + (1 + sequence % 500), null, null, null);
	}

	private static AttributeValue s(String value) {
		return AttributeValue.fromS(value);
	}

	private static Duration seconds(long seconds) {
		return Duration.ofSeconds(seconds);
	}

	private static String serviceFlags(Path root, String setup) throws java.io.IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(root.resolve(LAUNCHER).toString(), "--flags")
			.redirectErrorStream(true);
		builder.environment().put("JVM_SETUP", setup);
		Process flags = builder.start();
		String output = new String(flags.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		if (flags.waitFor() != 0) {
			throw new IllegalStateException("launch.sh --flags failed: " + output);
		}
		return output.trim();
	}

	/** The no-op app on the services' Java with their JVM flags and their listener settings. */
	private List<String> noopCommand() throws java.io.IOException {
		return withServiceFlags("io.netflixevents.bench.noop.NoopListenerApplication",
				"--netflix.events.queue=bench-noop");
	}

	/** Case 1's raw loop in a JVM of its own, like the no-op app. */
	private List<String> rawLoopCommand(URI aws) throws java.io.IOException {
		return withServiceFlags(RawDrainLoop.class.getName(), aws.toString(), topology.queueUrl("bench-raw-jvm"),
				Integer.toString(MAX_CONCURRENT_MESSAGES / MAX_MESSAGES_PER_POLL),
				Integer.toString(MAX_MESSAGES_PER_POLL));
	}

	/** Case 3's raw loop in a JVM of its own, answering on RAW_PUBLISH_PORT. */
	private List<String> rawPublishCommand(URI aws) throws java.io.IOException {
		return withServiceFlags(RawPublishLoop.class.getName(), aws.toString(), topology.topicArn,
				Integer.toString(LOAD_CONCURRENCY), Integer.toString(RAW_PUBLISH_PORT));
	}

	/** A bench class's main on the services' Java with their JVM flags. */
	private List<String> withServiceFlags(String mainClass, String... args) throws java.io.IOException {
		List<String> command = new ArrayList<>(List.of(JAVA));
		command.addAll(List.of(serviceFlags.split(" ")));
		command.addAll(List.of("-cp", benchClasspath(), mainClass));
		command.addAll(List.of(args));
		return command;
	}

	/** Starts a service as users do (infra/local/launch.sh: extracted jar, AOT cache or CDS archive, its flags). */
	String launcher() {
		return root.resolve(LAUNCHER).toString();
	}

	private String benchClasspath() throws java.io.IOException {
		Path target = root.resolve("bench/target");
		return target.resolve("classes") + ":" + java.nio.file.Files.readString(target.resolve("classpath.txt")).trim();
	}

	private static URI health(int port) {
		return URI.create("http://127.0.0.1:" + port + "/actuator/health");
	}

	/** CPU time this JVM used so far: the load generator, the raw loops and the latency proxy. */
	static long benchCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
			.getOperatingSystemMXBean()).getProcessCpuTime();
	}

	static Stats.Summary summary(List<ClosedLoop.Result> results,
			java.util.function.ToDoubleFunction<ClosedLoop.Result> metric) {
		return Stats.Summary.of(results.stream().map(r -> metric.applyAsDouble(r)).toList());
	}

	static String failures(List<ClosedLoop.Result> results) {
		long failed = results.stream().mapToLong(ClosedLoop.Result::failed).sum();
		return failed == 0 ? "" : " [" + failed + " failed]";
	}

	static Stats.Summary ratios(List<ClosedLoop.Result> ours, List<ClosedLoop.Result> baseline,
			java.util.function.ToDoubleFunction<ClosedLoop.Result> metric) {
		return ratios(ours.stream().map(r -> metric.applyAsDouble(r)).toList(),
				baseline.stream().map(r -> metric.applyAsDouble(r)).toList());
	}

	/** Run i of ours over run i of the baseline (they ran back to back), summarised. */
	static Stats.Summary ratios(List<Double> ours, List<Double> baseline) {
		List<Double> ratios = new ArrayList<>();
		for (int i = 0; i < Math.min(ours.size(), baseline.size()); i++) {
			ratios.add(ours.get(i) / baseline.get(i));
		}
		return Stats.Summary.of(ratios);
	}

}
