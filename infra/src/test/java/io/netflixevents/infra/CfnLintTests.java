package io.netflixevents.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.netflixevents.testsupport.Processes;
import io.netflixevents.testsupport.PythonTools;
import org.junit.jupiter.api.Test;

class CfnLintTests {

	@Test
	void templatePassesCfnLintWithoutErrorsOrWarnings() {
		// the pinned cfn-lint of infra/local/requirements.txt, as infra/local/python.sh provides it
		Processes.Result result = Processes.execute(
				List.of(PythonTools.command("cfn-lint"), "--format", "parseable", "infra/cloudformation/netflix-events.yaml"), Map.of(),
				Duration.ofSeconds(60));
		// cfn-lint exits 0 when it found nothing; 2 for errors, 4 for warnings (bit flags)
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.output()).as(result.toString()).isBlank();
	}

}
