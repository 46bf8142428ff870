package io.netflixevents.replay;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** What a run of the replay has done: events read, sent and skipped, its rate and what is left, once a second. */
final class Progress {

	private final long total;

	private final LongSupplier nanoClock;

	private final long start;

	private long lastLine;

	private long read;

	private long sent;

	private long invalid;

	/** @param total the events this run has to read */
	Progress(long total, LongSupplier nanoClock) {
		this.total = total;
		this.nanoClock = nanoClock;
		this.start = nanoClock.getAsLong();
		this.lastLine = start;
	}

	void read() {
		read++;
	}

	void invalid() {
		invalid++;
	}

	void sent(int count) {
		sent += count;
	}

	long sent() {
		return sent;
	}

	/** A progress line, when a second passed since the last one. */
	Optional<String> line() {
		long now = nanoClock.getAsLong();
		if (now - lastLine < TimeUnit.SECONDS.toNanos(1)) {
			return Optional.empty();
		}
		lastLine = now;
		double perSecond = rate(now);
		String left = perSecond > 0 ? String.format("about %.0f s left", (total - read) / perSecond) : "";
		return Optional.of(String.format("read %,d of %,d, sent %,d (%.0f/s), %,d invalid, %s", read, total, sent,
				perSecond, invalid, left));
	}

	String totals() {
		long now = nanoClock.getAsLong();
		return String.format("read %,d, sent %,d, %,d invalid (not sent), in %.1f s (%.0f/s)", read, sent, invalid,
				(now - start) / 1e9, rate(now));
	}

	private double rate(long now) {
		return now > start ? sent / ((now - start) / 1e9) : 0;
	}

}
