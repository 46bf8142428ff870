package io.netflixevents.consumer;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The time windows the ranked views are counted in: pure arithmetic, no emulator. */
class TimeBucketsTests {

	private final TimeBuckets slices = new TimeBuckets("SLICE", Duration.ofMinutes(3));

	@Test
	void anInstantBelongsToTheBucketThatStartsAtOrBeforeIt() {
		Instant start = Instant.parse("2026-12-01T12:03:00Z");
		long index = slices.indexOf(start);

		assertThat(slices.startOf(index)).isEqualTo(start);
		assertThat(slices.indexOf(start.plus(Duration.ofMinutes(3)).minusMillis(1))).isEqualTo(index);
		assertThat(slices.indexOf(start.plus(Duration.ofMinutes(3)))).isEqualTo(index + 1);
		assertThat(slices.indexOf(start.minusMillis(1))).isEqualTo(index - 1);
		assertThat(slices.scopeOf(index)).isEqualTo("SLICE#" + index);
	}

	@Test
	void bucketsBeforeTheEpochAreNumberedDownwardsToo() {
		assertThat(slices.indexOf(Instant.EPOCH)).isZero();
		assertThat(slices.indexOf(Instant.EPOCH.minusMillis(1))).isEqualTo(-1);
		assertThat(slices.startOf(-1)).isEqualTo(Instant.EPOCH.minus(Duration.ofMinutes(3)));
	}

}
