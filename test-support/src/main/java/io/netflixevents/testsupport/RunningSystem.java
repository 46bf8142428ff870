package io.netflixevents.testsupport;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The services as separate processes against one emulator: the consumers first, then the frontend, which is told
 * their URLs ({@code RECOMMENDATION_SERVICE_URL}, ...). {@link #start(AwsEmulator)} runs one instance of each of the
 * five; {@link #builder(AwsEmulator)} lets a test route AWS calls through a {@link FaultProxy}, set a service's
 * environment, pick the consumers and run several instances of one. Instances can be added, stopped and killed
 * while the system runs.
 */
public final class RunningSystem implements AutoCloseable {

	public static final String FRONTEND = "frontend-service";

	/** Spring Cloud AWS's DynamoDB endpoint, over {@code AWS_ENDPOINT_URL} for DynamoDB alone. */
	public static final String DYNAMODB_ENDPOINT_VARIABLE = "SPRING_CLOUD_AWS_DYNAMODB_ENDPOINT";

	public static final List<String> CONSUMERS = List.of("recommendation-service", "search-service",
			"streaming-service", "user-service");

	private final Map<String, Map<String, String>> environments;

	private final Map<String, List<ServiceProcess>> instances;

	private RunningSystem(Map<String, Map<String, String>> environments) {
		this.environments = environments;
		this.instances = new LinkedHashMap<>();
		environments.keySet().forEach(service -> instances.put(service, new CopyOnWriteArrayList<>()));
	}

	/** One instance of each of the five services, calling the emulator directly. */
	public static RunningSystem start(AwsEmulator aws) {
		return builder(aws).start();
	}

	public static Builder builder(AwsEmulator aws) {
		return new Builder(aws);
	}

	/** {@code user-service} is found at {@code USER_SERVICE_URL}. */
	public static String urlVariableOf(String service) {
		return service.toUpperCase(Locale.ROOT).replace('-', '_') + "_URL";
	}

	/** The queue a consumer service listens on in the topology: {@code netflix-events-user} for user-service. */
	public static String queueNameOf(String consumer) {
		return "netflix-events-" + consumer.replace("-service", "");
	}

	public String frontendUrl() {
		return process(FRONTEND).baseUrl();
	}

	/** The base URL of the service's first running instance. */
	public String urlOf(String service) {
		return process(service).baseUrl();
	}

	/** The service's first running instance. */
	public ServiceProcess process(String service) {
		return instances(service).stream()
			.filter(ServiceProcess::isAlive)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("no running instance of " + service));
	}

	/** Every instance of the service started so far, running or not, oldest first. */
	public List<ServiceProcess> instances(String service) {
		List<ServiceProcess> started = instances.get(service);
		if (started == null) {
			throw new IllegalArgumentException("not part of this system: " + service);
		}
		return List.copyOf(started);
	}

	/** The services of this system, consumers first. */
	public List<String> services() {
		return List.copyOf(environments.keySet());
	}

	/** The environment the service's instances get (besides {@code SERVER_PORT}). */
	public Map<String, String> environmentOf(String service) {
		Map<String, String> environment = environments.get(service);
		if (environment == null) {
			throw new IllegalArgumentException("not part of this system: " + service);
		}
		return Map.copyOf(environment);
	}

	/** Starts one more instance of the service, with its environment, and waits until it is healthy. */
	public ServiceProcess startInstance(String service) {
		ServiceProcess process = ServiceProcess.start(service, environmentOf(service));
		instances.get(service).add(process);
		return process.awaitHealthy();
	}

	@Override
	public void close() {
		instances.values()
			.stream()
			.flatMap(List::stream)
			.toList()
			.parallelStream()
			.filter(ServiceProcess::isAlive)
			.forEach(ServiceProcess::close);
	}

	/** What to run, and how. */
	public static final class Builder {

		private final AwsEmulator aws;

		private URI awsEndpoint;

		private final Map<String, Integer> consumers = new LinkedHashMap<>();

		private boolean frontend = true;

		private final Map<String, String> common = new HashMap<>();

		private final Map<String, Map<String, String>> perService = new HashMap<>();

		private Builder(AwsEmulator aws) {
			this.aws = aws;
			CONSUMERS.forEach(consumer -> consumers.put(consumer, 1));
		}

		/** Every service reaches AWS at this endpoint (a {@link FaultProxy}'s) instead of the emulator's own. */
		public Builder awsEndpoint(URI endpoint) {
			this.awsEndpoint = endpoint;
			return this;
		}

		/** Runs these consumer services only, one instance each (the default is all four). */
		public Builder consumers(String... services) {
			consumers.clear();
			for (String service : services) {
				requireConsumer(service);
				consumers.put(service, 1);
			}
			return this;
		}

		/** Runs {@code count} instances of the consumer service, side by side on its queue. */
		public Builder instances(String consumer, int count) {
			requireConsumer(consumer);
			consumers.put(consumer, count);
			return this;
		}

		/** Runs no frontend. */
		public Builder withoutFrontend() {
			this.frontend = false;
			return this;
		}

		/** An environment variable for every service. */
		public Builder environment(String name, String value) {
			common.put(name, value);
			return this;
		}

		/** An environment variable for one service (the frontend included), over the common ones. */
		public Builder environment(String service, String name, String value) {
			perService.computeIfAbsent(service, key -> new HashMap<>()).put(name, value);
			return this;
		}

		public RunningSystem start() {
			Map<String, Map<String, String>> environments = new LinkedHashMap<>();
			for (String consumer : consumers.keySet()) {
				environments.put(consumer, environmentFor(consumer));
			}
			if (frontend) {
				environments.put(FRONTEND, environmentFor(FRONTEND));
			}
			RunningSystem system = new RunningSystem(environments);
			List<ServiceProcess> started = new ArrayList<>();
			try {
				consumers.forEach((consumer, count) -> {
					for (int i = 0; i < count; i++) {
						ServiceProcess process = ServiceProcess.start(consumer, environments.get(consumer));
						system.instances.get(consumer).add(process);
						started.add(process);
					}
				});
				if (frontend) {
					Map<String, String> frontendEnvironment = environments.get(FRONTEND);
					consumers.keySet()
						.forEach(consumer -> frontendEnvironment.putIfAbsent(urlVariableOf(consumer),
								system.instances.get(consumer).get(0).baseUrl()));
					ServiceProcess process = ServiceProcess.start(FRONTEND, frontendEnvironment);
					system.instances.get(FRONTEND).add(process);
					started.add(process);
				}
				started.forEach(ServiceProcess::awaitHealthy);
				return system;
			}
			catch (RuntimeException | Error ex) {
				system.close();
				throw ex;
			}
		}

		private Map<String, String> environmentFor(String service) {
			Map<String, String> environment = new HashMap<>(aws.environment());
			if (awsEndpoint != null) {
				environment.put("AWS_ENDPOINT_URL", awsEndpoint.toString());
			}
			environment.putAll(common);
			environment.putAll(perService.getOrDefault(service, Map.of()));
			return environment;
		}

		private static void requireConsumer(String service) {
			if (!CONSUMERS.contains(service)) {
				throw new IllegalArgumentException("not a consumer service: " + service);
			}
		}

	}

}
