package io.netflixevents.consumer;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter (a pause drawn from zero to a cap that doubles after each try, AWS's
 * "Exponential Backoff And Jitter"), within a time budget, so that instances contending for one item spread their
 * retries instead of colliding again in step.
 */
final class Backoff {

	private final ApplierProperties properties;

	private final long deadline;

	private long cap;

	Backoff(ApplierProperties properties) {
		this.properties = properties;
		this.deadline = System.nanoTime() + properties.retryBudget().toNanos();
		this.cap = properties.firstBackoff().toNanos();
	}

	/** Pauses before the next try and returns true, or returns false at once when the budget would be spent. */
	boolean pause() {
		long pause = ThreadLocalRandom.current().nextLong(cap + 1);
		if (System.nanoTime() + pause > deadline) {
			return false;
		}
		cap = Math.min(cap * 2, properties.maxBackoff().toNanos());
		try {
			Thread.sleep(Duration.ofNanos(pause).toMillis(), (int) (pause % 1_000_000));
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
