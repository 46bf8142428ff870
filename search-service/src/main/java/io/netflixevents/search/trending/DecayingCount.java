package io.netflixevents.search.trending;

import java.time.Duration;
import java.time.Instant;

/**
 * A count whose every unit halves in weight each half-life: {@code value} as of {@code asOf}. Kept as a value and
 * the instant it refers to, so it never overflows however long the service runs.
 */
record DecayingCount(double value, Instant asOf) {

	/** The count after one more view at {@code at}, which may be older than {@code asOf}. */
	DecayingCount plusOneAt(Instant at, Duration halfLife) {
		if (at.isAfter(asOf)) {
			return new DecayingCount(valueAt(at, halfLife) + 1, at);
		}
		return new DecayingCount(value + weight(Duration.between(at, asOf), halfLife), asOf);
	}

	double valueAt(Instant at, Duration halfLife) {
		return at.isAfter(asOf) ? value * weight(Duration.between(asOf, at), halfLife) : value;
	}

	private static double weight(Duration age, Duration halfLife) {
		return Math.pow(0.5, (double) age.toMillis() / halfLife.toMillis());
	}

}
