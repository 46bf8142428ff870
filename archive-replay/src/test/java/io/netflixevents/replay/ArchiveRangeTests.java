package io.netflixevents.replay;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ArchiveRangeTests {

	@Test
	void givesOnePrefixPerHourInOrderAcrossMidnight() {
		assertThat(ArchiveRange.parse("2026-11-30T23", "2026-12-01T01").prefixes()).containsExactly(
				"events/movie-details-viewed/dt=2026-11-30/hr=23/", "events/movie-details-viewed/dt=2026-12-01/hr=00/",
				"events/movie-details-viewed/dt=2026-12-01/hr=01/");
	}

	@Test
	void refusesAnHourWrittenOtherwiseARangeBackwardsAndOneOverAYear() {
		assertThatIllegalArgumentException().isThrownBy(() -> ArchiveRange.parse("2026-12-01 10", "2026-12-01T11"))
			.withMessageContaining("replay.from must be an hour as yyyy-MM-ddTHH");
		assertThatIllegalArgumentException().isThrownBy(() -> ArchiveRange.parse("2026-12-01T10", ""))
			.withMessageContaining("replay.to");
		assertThatIllegalArgumentException().isThrownBy(() -> ArchiveRange.parse("2026-12-01T10", "2026-12-01T09"))
			.withMessageContaining("before it starts");
		assertThatIllegalArgumentException().isThrownBy(() -> ArchiveRange.parse("2024-12-01T10", "2026-12-01T10"))
			.withMessageContaining("more than a year");
	}

}
