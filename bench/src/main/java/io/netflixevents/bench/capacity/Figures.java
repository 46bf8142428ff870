package io.netflixevents.bench.capacity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One service's figures in one design, scaled to {@value #EVENTS_PER_SECOND} events/s. Event-path writes (those in
 * an event's transaction) scale with the events; background writes (rollup refreshes) and the reads of the quiet
 * phases are per second and are added as they are, so at a higher event rate they weigh less per event. Event-path
 * reads are the reads during the rounds less the quiet background's rate over that time.
 */
record Figures(String design, String service, long sent, long applied, long lost, double wruPerEvent,
		double backgroundWcuPerSecond, double rruPerEvent, double backgroundRcuPerSecond, String hottestPk,
		double hottestPkShare, double hottestPkWcuPerSecond, double partitionCeilingEventsPerSecond, String hottestItem,
		double hottestItemShare, String mostWrittenItem, double mostWrittenItemWritesPerEvent, long largestItemBytes,
		String largestItemKey, double dollarsPerMillionEvents, List<Api> apis, List<Double> roundWruPerEvent,
		Map<String, Long> refusals, double eventSeconds, double wallSeconds) {

	static final double EVENTS_PER_SECOND = 10_000;

	/** The issue gives no read rate; this is what the read goal assumes, per API (one call per ten events). */
	static final double API_CALLS_PER_SECOND = 1_000;

	static final long MAX_ITEM_BYTES = 8 * 1024;

	static final long MAX_API_BYTES = 64 * 1024;

	static final Map<String, Double> MAX_WRU_PER_EVENT = Map.of("user", 6.0, "streaming", 6.0, "search", 10.0,
			"recommendation", 50.0);

	record Api(String path, int calls, int failures, double rcuPerCall, double maxRcuPerCall, double kbPerCall,
			double maxKbPerCall, String hottestPk, double hottestPkRcuPerCall, double ceilingCallsPerSecond) {

		boolean readsWithinLimit() {
			return maxKbPerCall * 1024 <= MAX_API_BYTES;
		}

		boolean partitionWithinLimit() {
			return ceilingCallsPerSecond >= API_CALLS_PER_SECOND;
		}

	}

	static Figures of(ServiceRun run) {
		CapacityRecorder recorder = run.recorder;
		long applied = Math.max(1, recorder.applied.get());
		double wall = Math.max(1e-3, run.wallSeconds);
		Tally events = recorder.eventWrites;
		Tally background = recorder.backgroundWrites;
		double wruPerEvent = events.units() / applied;
		double backgroundWcu = background.units() / wall;
		double idleRcu = run.idleReads.units() / Math.max(1e-3, run.idleSeconds);
		double rruPerEvent = Math.max(0, run.eventReads.units() - idleRcu * run.eventSeconds) / applied;

		// a key's WCU/s at the rate: its event-path units per event times the rate, plus its background units per second
		Map<String, Double> eventPk = events.unitsByPk();
		Map<String, Double> backgroundPk = background.unitsByPk();
		Map<String, Double> pkRate = new HashMap<>();
		eventPk.forEach((pk, units) -> pkRate.merge(pk, units / applied * EVENTS_PER_SECOND, Double::sum));
		backgroundPk.forEach((pk, units) -> pkRate.merge(pk, units / wall, Double::sum));
		Map.Entry<String, Double> hottest = pkRate.entrySet().stream().max(Map.Entry.comparingByValue())
			.orElse(Map.entry("-", 0.0));
		double totalUnits = events.units() + background.units();
		double hottestUnits = eventPk.getOrDefault(hottest.getKey(), 0.0) + backgroundPk.getOrDefault(hottest.getKey(), 0.0);
		double perEvent = eventPk.getOrDefault(hottest.getKey(), 0.0) / applied;
		double ceiling = perEvent == 0 ? Double.POSITIVE_INFINITY
				: Math.max(0, Billing.PARTITION_WRITE_UNITS_PER_SECOND - backgroundPk.getOrDefault(hottest.getKey(), 0.0) / wall)
						/ perEvent;

		Map<String, Double> items = new HashMap<>(events.unitsByItem());
		background.unitsByItem().forEach((item, units) -> items.merge(item, units, Double::sum));
		Map.Entry<String, Double> hottestItem = items.entrySet().stream().max(Map.Entry.comparingByValue())
			.orElse(Map.entry("-", 0.0));
		Map.Entry<String, Long> mostWritten = events.mostWrittenItem();
		boolean backgroundLarger = background.largestItem() > events.largestItem();
		long largest = backgroundLarger ? background.largestItem() : events.largestItem();
		String largestKey = backgroundLarger ? background.largestKey() : events.largestKey();

		double wruAtRate = wruPerEvent + backgroundWcu / EVENTS_PER_SECOND;
		double rruAtRate = rruPerEvent + idleRcu / EVENTS_PER_SECOND;
		List<Api> apis = new ArrayList<>();
		for (ApiStats api : run.apis.values()) {
			int calls = Math.max(1, api.calls);
			Map.Entry<String, Double> hot = api.hottestPkPerCall();
			apis.add(new Api(api.path, api.calls, api.failures, api.units / calls, api.maxUnits,
					api.bytes / 1024.0 / calls, api.maxBytes / 1024.0, pattern(hot.getKey()), hot.getValue(),
					hot.getValue() == 0 ? Double.POSITIVE_INFINITY
							: Billing.PARTITION_READ_UNITS_PER_SECOND / hot.getValue()));
		}
		return new Figures(run.design, run.service, run.sent, recorder.applied.get(), run.lost, wruAtRate,
				backgroundWcu, rruAtRate, idleRcu, pattern(hottest.getKey()),
				totalUnits == 0 ? 0 : hottestUnits / totalUnits, hottest.getValue(), ceiling,
				pattern(hottestItem.getKey()), totalUnits == 0 ? 0 : hottestItem.getValue() / totalUnits,
				pattern(mostWritten.getKey()), mostWritten.getValue() / (double) applied, largest, pattern(largestKey),
				Billing.dollars(wruAtRate * 1e6, rruAtRate * 1e6), apis, run.roundWriteUnitsPerEvent,
				new LinkedHashMap<>(recorder.refusals), run.eventSeconds, run.wallSeconds);
	}

	/** A key with its ids replaced: {@code USER#user-12|VIEW#1700000000000#<uuid>} → {@code USER#user-<id>|VIEW#<id>#<id>}. */
	static String pattern(String key) {
		if (key == null) {
			return "-";
		}
		return key.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<id>")
			.replaceAll("[0-9]+", "<id>");
	}

	boolean partitionGoal() {
		return hottestPkWcuPerSecond <= Billing.PARTITION_WRITE_UNITS_PER_SECOND;
	}

	boolean itemGoal() {
		return largestItemBytes <= MAX_ITEM_BYTES;
	}

	/** What an event's own transaction writes: {@link #wruPerEvent} less the background's share at the rate. */
	double transactionWruPerEvent() {
		return wruPerEvent - backgroundWcuPerSecond / EVENTS_PER_SECOND;
	}

	/**
	 * The "writes per event (markers included)" is what an event writes: its transaction. The background
	 * (rollup refreshes) is per instance and interval, not per event, and is shown beside it and priced in the dollars.
	 */
	boolean wruGoal() {
		return transactionWruPerEvent() <= MAX_WRU_PER_EVENT.getOrDefault(service, Double.MAX_VALUE) + 1e-9;
	}

	boolean readPartitionGoal() {
		return apis.stream().allMatch(Api::partitionWithinLimit);
	}

	boolean readSizeGoal() {
		return apis.stream().allMatch(Api::readsWithinLimit);
	}

}
