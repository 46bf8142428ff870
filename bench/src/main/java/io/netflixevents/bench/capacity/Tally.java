package io.netflixevents.bench.capacity;

import java.util.HashMap;
import java.util.Map;

/**
 * Units billed, and what they were billed for: items, bytes, and the units per partition key ({@code pk}) and per
 * item ({@code pk|sk}), with the writes per item. One per kind of traffic (the event path's writes, its reads, the
 * background's, one API call's reads); calls arrive on many threads.
 */
final class Tally {

	private double units;

	private long items;

	private long bytes;

	private long largestItem;

	private String largestKey = "";

	private final Map<String, Double> unitsByPk = new HashMap<>();

	private final Map<String, Double> unitsByItem = new HashMap<>();

	private final Map<String, Long> writesByItem = new HashMap<>();

	synchronized void add(String pk, String sk, long size, double billed) {
		units += billed;
		items++;
		bytes += size;
		unitsByPk.merge(pk, billed, Double::sum);
		if (sk != null) {
			String item = pk + "|" + sk;
			unitsByItem.merge(item, billed, Double::sum);
			writesByItem.merge(item, 1L, Long::sum);
			if (size > largestItem) {
				largestItem = size;
				largestKey = item;
			}
		}
	}

	/** A Query's units, billed once for all its items, on its partition key. */
	synchronized void addQuery(String pk, long itemCount, long size, double billed, long largest, String largestSk) {
		units += billed;
		items += itemCount;
		bytes += size;
		unitsByPk.merge(pk, billed, Double::sum);
		if (largest > largestItem) {
			largestItem = largest;
			largestKey = pk + "|" + largestSk;
		}
	}

	synchronized double units() {
		return units;
	}

	synchronized long items() {
		return items;
	}

	synchronized long bytes() {
		return bytes;
	}

	synchronized long largestItem() {
		return largestItem;
	}

	synchronized String largestKey() {
		return largestKey;
	}

	synchronized Map<String, Double> unitsByPk() {
		return new HashMap<>(unitsByPk);
	}

	synchronized Map<String, Double> unitsByItem() {
		return new HashMap<>(unitsByItem);
	}

	synchronized Map.Entry<String, Double> hottestPk() {
		return hottest(unitsByPk);
	}

	synchronized Map.Entry<String, Double> hottestItem() {
		return hottest(unitsByItem);
	}

	/** The item written most often, and how often. */
	synchronized Map.Entry<String, Long> mostWrittenItem() {
		return writesByItem.entrySet()
			.stream()
			.max(Map.Entry.comparingByValue())
			.map(entry -> Map.entry(entry.getKey(), entry.getValue()))
			.orElse(Map.entry("-", 0L));
	}

	private static Map.Entry<String, Double> hottest(Map<String, Double> units) {
		return units.entrySet()
			.stream()
			.max(Map.Entry.comparingByValue())
			.map(entry -> Map.entry(entry.getKey(), entry.getValue()))
			.orElse(Map.entry("-", 0.0));
	}

}
