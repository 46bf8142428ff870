package io.netflixevents.bench.capacity;

import java.util.HashMap;
import java.util.Map;

/** One read API's calls: the units and bytes each read, and the units on each partition key over all of them. */
final class ApiStats {

	final String path;

	int calls;

	int failures;

	double units;

	double maxUnits;

	long bytes;

	long maxBytes;

	final Map<String, Double> unitsByPk = new HashMap<>();

	ApiStats(String path) {
		this.path = path;
	}

	void add(Tally call, boolean ok) {
		calls++;
		failures += ok ? 0 : 1;
		units += call.units();
		maxUnits = Math.max(maxUnits, call.units());
		bytes += call.bytes();
		maxBytes = Math.max(maxBytes, call.bytes());
		call.unitsByPk().forEach((pk, value) -> unitsByPk.merge(pk, value, Double::sum));
	}

	/** The partition key that the calls read most, and its units per call (the calls drawn as users call them). */
	Map.Entry<String, Double> hottestPkPerCall() {
		return unitsByPk.entrySet()
			.stream()
			.max(Map.Entry.comparingByValue())
			.map(entry -> Map.entry(entry.getKey(), entry.getValue() / Math.max(1, calls)))
			.orElse(Map.entry("-", 0.0));
	}

}
