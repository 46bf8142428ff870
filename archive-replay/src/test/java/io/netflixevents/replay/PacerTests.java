package io.netflixevents.replay;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PacerTests {

	private final AtomicLong now = new AtomicLong(TimeUnit.SECONDS.toNanos(1_000));

	private final Pacer pacer = new Pacer(100, now::get);

	@Test
	void letsTheFirstBatchGoAtOnceAndTheNextOnceTheRateAllowsIt() {
		assertThat(pacer.nanosBefore(10)).isZero();
		assertThat(pacer.nanosBefore(10)).isEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
		now.addAndGet(TimeUnit.MILLISECONDS.toNanos(150));
		assertThat(pacer.nanosBefore(10)).isEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
	}

	@Test
	void makesUpForAPauseButNeverGoesFasterOnAverage() {
		pacer.nanosBefore(10);
		now.addAndGet(TimeUnit.SECONDS.toNanos(1)); // a slow read: 100 events' time passed
		for (int batch = 0; batch < 9; batch++) {
			assertThat(pacer.nanosBefore(10)).isZero();
		}
		assertThat(pacer.nanosBefore(10)).isZero(); // the 100th event's turn is now
		assertThat(pacer.nanosBefore(10)).isEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
	}

}
