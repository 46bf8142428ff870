package io.netflixevents.replay;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Holds a replay to at most a rate: the n-th event goes no sooner than n ÷ rate seconds after the first, so a pause
 * (a slow S3 read) is made up for, but never by more than the rate allows on average since the start.
 */
final class Pacer {

	private final long nanosPerEvent;

	private final LongSupplier nanoClock;

	private final long start;

	private long released;

	Pacer(int perSecond, LongSupplier nanoClock) {
		this.nanosPerEvent = TimeUnit.SECONDS.toNanos(1) / perSecond;
		this.nanoClock = nanoClock;
		this.start = nanoClock.getAsLong();
	}

	/** How long to wait before the next {@code count} events may go; counts them as gone. */
	long nanosBefore(int count) {
		long due = start + released * nanosPerEvent;
		released += count;
		return Math.max(0, due - nanoClock.getAsLong());
	}

	void await(int count) throws InterruptedException {
		TimeUnit.NANOSECONDS.sleep(nanosBefore(count));
	}

}
