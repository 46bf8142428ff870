package io.netflixevents.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.netflixevents.testsupport.Processes;
import org.junit.jupiter.api.Test;

class CfnLintTests {

	@Test
	void templatePassesCfnLintWithoutErrorsOrWarnings() {
		if (Processes.onPath("cfn-lint") == null) {
			fail("cfn-lint is not on PATH; install it with: pip install cfn-lint (CI installs it before ./mvnw verify)");
		}
		Processes.Result result = Processes.execute(
				List.of("cfn-lint", "--format", "parseable", "infra/cloudformation/netflix-events.yaml"), Map.of(),
				Duration.ofSeconds(60));
		// cfn-lint exits 0 when it found nothing; 2 for errors, 4 for warnings (bit flags)
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.output()).as(result.toString()).isBlank();
	}

}
