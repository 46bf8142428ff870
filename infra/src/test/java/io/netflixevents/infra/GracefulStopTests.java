package io.netflixevents.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.netflixevents.testsupport.Processes;
import io.netflixevents.testsupport.ProjectFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * infra/aws/graceful-stop.sh against a stand-in for the instance metadata service that speaks IMDSv2 (a token first,
 * then reads that carry it) and reports the instance InService, then Terminated, as Auto Scaling does once a
 * lifecycle hook holds the instance in Terminating:Wait. Neither systemd nor Auto Scaling's
 * CompleteLifecycleAction (which moto lacks) run here, so {@code systemctl} and {@code aws} are stubs that record
 * their calls.
 */
class GracefulStopTests {

	private static final String TOKEN = "token-1";

	private final AtomicInteger stateReads = new AtomicInteger();

	private HttpServer metadata;

	@BeforeEach
	void startMetadataService() throws IOException {
		metadata = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		metadata.createContext("/latest/api/token", exchange -> answer(exchange,
				exchange.getRequestMethod().equals("PUT")
						&& exchange.getRequestHeaders().containsKey("X-aws-ec2-metadata-token-ttl-seconds") ? 200 : 400,
				TOKEN));
		metadata.createContext("/latest/meta-data/autoscaling/target-lifecycle-state", exchange -> {
			if (authorized(exchange)) {
				answer(exchange, 200, stateReads.incrementAndGet() < 2 ? "InService" : "Terminated");
			}
		});
		metadata.createContext("/latest/meta-data/instance-id", exchange -> {
			if (authorized(exchange)) {
				answer(exchange, 200, "i-0123456789abcdef0");
			}
		});
		metadata.start();
	}

	@AfterEach
	void stopMetadataService() {
		metadata.stop(0);
	}

	@Test
	void stopsTheServiceOnceTheInstanceIsTerminatingThenLetsAutoScalingGoOn(@TempDir Path scratch) throws IOException {
		Path log = scratch.resolve("calls.log");
		Files.createFile(log);
		for (String command : List.of("systemctl", "aws")) {
			Path stub = scratch.resolve(command);
			Files.writeString(stub, "#!/bin/sh\necho \"" + command + " $*\" >> \"$STUB_LOG\"\n");
			Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
		}

		String output = Processes.run(
				List.of(ProjectFiles.resolve("infra/aws/graceful-stop.sh").toString(), "search-service",
						"netflix-events-search-service"),
				Map.of("PATH", scratch + ":" + System.getenv("PATH"), "STUB_LOG", log.toString(), "AWS_REGION",
						"eu-west-1", "AWS_EC2_METADATA_SERVICE_ENDPOINT",
						"http://127.0.0.1:" + metadata.getAddress().getPort()),
				Duration.ofSeconds(30));

		assertThat(stateReads).hasValue(2);
		assertThat(Files.readAllLines(log)).containsExactly("systemctl stop search-service.service",
				"aws autoscaling complete-lifecycle-action --region eu-west-1 --auto-scaling-group-name "
						+ "netflix-events-search-service --lifecycle-hook-name graceful-stop "
						+ "--lifecycle-action-result CONTINUE --instance-id i-0123456789abcdef0");
		assertThat(output).contains("stopping search-service");
	}

	private static boolean authorized(HttpExchange exchange) throws IOException {
		if (TOKEN.equals(exchange.getRequestHeaders().getFirst("X-aws-ec2-metadata-token"))) {
			return true;
		}
		answer(exchange, 401, "");
		return false;
	}

	private static void answer(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
		if (bytes.length > 0) {
			exchange.getResponseBody().write(bytes);
		}
		exchange.close();
	}

}
