package io.netflixevents.consumer;

import java.time.Duration;
import java.time.Instant;

/**
 * Time cut into buckets of one length, numbered from the Unix epoch, each named as a {@link MovieCounters} scope
 * ({@code <prefix>#<n>}).
 */
public record TimeBuckets(String prefix, Duration length) {

	public long indexOf(Instant instant) {
		return Math.floorDiv(instant.toEpochMilli(), length.toMillis());
	}

	public Instant startOf(long index) {
		return Instant.ofEpochMilli(index * length.toMillis());
	}

	public String scopeOf(long index) {
		return prefix + "#" + index;
	}

}
