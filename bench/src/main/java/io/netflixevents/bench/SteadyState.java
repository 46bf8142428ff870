package io.netflixevents.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Case 7: the frontend in each JVM setup of {@code infra/local/launch.sh} ({@code JVM_SETUP}), under case 3's load for
 * minutes rather than seconds. Each setup gets a fresh frontend: its start and idle RSS, then a minute of load, so
 * that the JIT has compiled what it will compile, then runs of the frontend and of the bench JVM's raw loop back to
 * back, as in case 3, and the RSS after them.
 */
final class SteadyState {

	/** The setups compared, as launch.sh names them; the first is the one every start uses. */
	static final List<String> SETUPS = List.of("c1", "tiered", "c1-virtual", "tiered-virtual");

	private static final int PORT = 18070;

	private static final int CLIENTS = 16;

	private final Bench bench;

	private final Duration warmUp;

	private final Duration run;

	SteadyState(Bench bench) {
		this.bench = bench;
		this.warmUp = Duration.ofSeconds(bench.smoke() ? 1 : 60);
		this.run = Duration.ofSeconds(bench.smoke() ? 1 : 20);
	}

	/** Measures every setup at one added latency and hands each its rows. */
	void run(int latency, URI aws, Map<String, String> environment, Consumer<Report.Row> rows) throws Exception {
		try (RawPublishLoop raw = new RawPublishLoop(aws, bench.topicArn(), CLIENTS)) {
			ClosedLoop.run(CLIENTS, warmUp, raw);
			for (String setup : SETUPS) {
				measure(setup, latency, environment, raw).forEach(rows);
				bench.purgeServiceQueues(); // what the load published, so that fauxqs's queues stay short
			}
		}
	}

	private List<Report.Row> measure(String setup, int latency, Map<String, String> environment, RawPublishLoop raw)
			throws Exception {
		Bench.log("case 7: steady state of the frontend, JVM setup " + setup);
		Map<String, String> frontendEnvironment = new HashMap<>(environment);
		frontendEnvironment.putAll(Map.of("JVM_SETUP", setup, "SERVER_PORT", Integer.toString(PORT), "AWS_SNS_TOPIC",
				Topology.TOPIC, "AWS_S3_BUCKET", Topology.BUCKET));
		bench.prepare("frontend-service", frontendEnvironment); // its class archive, untimed
		IdleMachine.await(Duration.ofSeconds(30));
		try (ServiceProcess frontend = ServiceProcess.start("frontend-service-" + setup + "-" + latency + "ms",
				List.of(bench.launcher(), "frontend-service"), frontendEnvironment, bench.logs());
				KeepAliveClient client = new KeepAliveClient(
						URI.create("http://127.0.0.1:" + PORT + "/api/events/movie-details-viewed"))) {
			double start = frontend.awaitHttp(URI.create("http://127.0.0.1:" + PORT + "/actuator/health"),
					Duration.ofSeconds(120));
			Thread.sleep(bench.smoke() ? 1000 : 5000);
			double idleRss = frontend.rssMegabytes();
			ClosedLoop.Request ours = (worker, sequence) -> client.post(Bench.body(worker, sequence)) == 202;
			ClosedLoop.run(CLIENTS, warmUp, ours);
			List<ClosedLoop.Result> oursResults = new ArrayList<>();
			List<ClosedLoop.Result> rawResults = new ArrayList<>();
			List<Double> oursCpu = new ArrayList<>();
			List<Double> rawCpu = new ArrayList<>();
			List<Double> compilerShare = new ArrayList<>();
			for (int i = 0; i < bench.runs(); i++) {
				Duration frontendBefore = frontend.cpuTime();
				Duration compilerBefore = frontend.compilerCpuTime();
				long benchBefore = Bench.benchCpuNanos();
				ClosedLoop.Result result = ClosedLoop.run(CLIENTS, run, ours);
				Duration frontendUsed = frontend.cpuTime().minus(frontendBefore);
				oursCpu.add((frontendUsed.toNanos() + Bench.benchCpuNanos() - benchBefore) / 1e6
						/ Math.max(1, result.ok()));
				compilerShare.add(100.0 * frontend.compilerCpuTime().minus(compilerBefore).toNanos()
						/ Math.max(1, frontendUsed.toNanos()));
				oursResults.add(result);
				benchBefore = Bench.benchCpuNanos();
				ClosedLoop.Result rawResult = ClosedLoop.run(CLIENTS, run, raw);
				rawCpu.add((Bench.benchCpuNanos() - benchBefore) / 1e6 / Math.max(1, rawResult.ok()));
				rawResults.add(rawResult);
			}
			double loadedRss = frontend.rssMegabytes();
			String title = "Steady state, JVM setup " + setup + " (" + bench.flagsOf(setup) + "): the frontend after "
					+ warmUp.toSeconds() + " s of case 3's load, " + CLIENTS + " clients, vs the bench JVM's raw loop";
			String emulator = "fauxqs 2.4.1";
			return List.of(
					new Report.Row("7", title + ": events/s", emulator, latency,
							Bench.summary(oursResults, ClosedLoop.Result::perSecond).format("/s")
									+ Bench.failures(oursResults),
							Bench.summary(rawResults, ClosedLoop.Result::perSecond).format("/s")
									+ Bench.failures(rawResults),
							Bench.ratios(oursResults, rawResults, ClosedLoop.Result::perSecond), "≥ 0.8×"),
					new Report.Row("7", title + ": CPU time per event (as case 3; JIT compiler threads' share of the "
							+ "frontend's CPU: " + Stats.Summary.of(compilerShare).format("%") + ")", emulator, latency,
							Stats.Summary.of(oursCpu).format("ms"), Stats.Summary.of(rawCpu).format("ms"),
							Bench.ratios(oursCpu, rawCpu), "≤ 1.5×"),
					new Report.Row("7", title + ": p50 / p99 latency (ratio of p50); start (launch → health 200) and "
							+ "RSS idle / after the load", emulator, latency,
							Bench.summary(oursResults, ClosedLoop.Result::p50Millis).format("ms") + " / "
									+ Bench.summary(oursResults, ClosedLoop.Result::p99Millis).format("ms") + "; "
									+ Stats.num(start) + " s, " + Stats.num(idleRss) + " / " + Stats.num(loadedRss)
									+ " MB",
							Bench.summary(rawResults, ClosedLoop.Result::p50Millis).format("ms") + " / "
									+ Bench.summary(rawResults, ClosedLoop.Result::p99Millis).format("ms"),
							Bench.ratios(oursResults, rawResults, ClosedLoop.Result::p50Millis), "< 3 s, < 300 MB"));
		}
	}

}
