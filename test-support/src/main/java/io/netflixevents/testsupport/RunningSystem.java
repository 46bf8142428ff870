package io.netflixevents.testsupport;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The five services as separate processes against one emulator: the four consumers first, then the frontend,
 * which is told their URLs ({@code RECOMMENDATION_SERVICE_URL}, ...).
 */
public final class RunningSystem implements AutoCloseable {

	public static final String FRONTEND = "frontend-service";

	public static final List<String> CONSUMERS = List.of("recommendation-service", "search-service",
			"streaming-service", "user-service");

	private final Map<String, ServiceProcess> services;

	private RunningSystem(Map<String, ServiceProcess> services) {
		this.services = services;
	}

	public static RunningSystem start(AwsEmulator aws) {
		Map<String, ServiceProcess> services = new LinkedHashMap<>();
		try {
			for (String consumer : CONSUMERS) {
				services.put(consumer, ServiceProcess.start(consumer, aws.environment()));
			}
			Map<String, String> frontendEnvironment = new HashMap<>(aws.environment());
			services.forEach((name, process) -> frontendEnvironment.put(urlVariableOf(name), process.baseUrl()));
			services.put(FRONTEND, ServiceProcess.start(FRONTEND, frontendEnvironment));
			services.values().forEach(ServiceProcess::awaitHealthy);
			return new RunningSystem(services);
		}
		catch (RuntimeException | Error ex) {
			services.values().forEach(ServiceProcess::close);
			throw ex;
		}
	}

	/** {@code user-service} is found at {@code USER_SERVICE_URL}. */
	public static String urlVariableOf(String service) {
		return service.toUpperCase(Locale.ROOT).replace('-', '_') + "_URL";
	}

	public String frontendUrl() {
		return services.get(FRONTEND).baseUrl();
	}

	public String urlOf(String service) {
		return process(service).baseUrl();
	}

	public ServiceProcess process(String service) {
		ServiceProcess process = services.get(service);
		if (process == null) {
			throw new IllegalArgumentException("no such service: " + service);
		}
		return process;
	}

	@Override
	public void close() {
		services.values().parallelStream().forEach(ServiceProcess::close);
	}

}
