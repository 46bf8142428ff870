package io.netflixevents.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.zip.CRC32;

import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * The errors DynamoDB answers under load, injected by a {@link DynamoDbProxy}: a configured share of the calls of
 * an operation is answered with one of the {@link Fault faults} given for it, in DynamoDB's JSON 1.0 wire format
 * (the {@code __type}, fields and status DynamoDB sends, and its {@code x-amz-crc32}), instead of being forwarded.
 * The choices come from one seeded {@link Random}; what was injected is counted per operation and fault, so a test
 * can show the faults really happened.
 * <p>
 * A {@link Fault#TRANSACTION_CONFLICT} can also {@link #holdConflicts(Duration) hold} the item it names for a while,
 * as a transaction in progress on it does: every transaction on that item meanwhile is cancelled too, so retrying
 * at once does not get through.
 */
public final class DynamoDbFaults implements DynamoDbProxy.Interceptor {

	private static final String DYNAMODB = "com.amazonaws.dynamodb.v20120810#";

	private static final List<String> READS = List.of("GetItem", "BatchGetItem", "Query", "Scan", "TransactGetItems");

	/** What DynamoDB says when on-demand capacity or a partition's key range is exceeded (a hot key). */
	static final String KEY_RANGE_MESSAGE = "Throughput exceeds the current capacity of your table or index. DynamoDB"
			+ " is automatically scaling your table or index so please try again shortly. If exceptions persist, check"
			+ " if you have a hot key: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/"
			+ "bp-partition-key-design.html";

	/** What DynamoDB says when a provisioned table's capacity is exceeded. */
	static final String PROVISIONED_MESSAGE = "The level of configured provisioned throughput for the table was"
			+ " exceeded. Consider increasing your provisioning level with the UpdateTable API.";

	static final String REQUEST_LIMIT_MESSAGE = "Throughput exceeds the current throughput limit for your account."
			+ " Please contact AWS Support at https://aws.amazon.com/support request a limit increase";

	static final String CONFLICT_MESSAGE = "Transaction is ongoing for the item";

	/** The errors this injects. */
	public enum Fault {

		/** {@code TransactionCanceledException}, one reason {@code TransactionConflict}, the others {@code None}. */
		TRANSACTION_CONFLICT(true),

		/** {@code TransactionCanceledException}, one reason {@code ThrottlingError}, the others {@code None}. */
		TRANSACTION_THROTTLED(true),

		/** {@code ProvisionedThroughputExceededException} with a {@code ...KeyRangeThroughputExceeded} reason. */
		PROVISIONED_THROUGHPUT_EXCEEDED(false),

		/** {@code ThrottlingException} (the coral availability type) with the hot-key message. */
		THROTTLING(false),

		/** {@code RequestLimitExceeded}: the account's throughput quota. */
		REQUEST_LIMIT_EXCEEDED(false);

		private final boolean transactional;

		Fault(boolean transactional) {
			this.transactional = transactional;
		}

	}

	private final Random random;

	private final Map<String, Rule> rules = new ConcurrentHashMap<>();

	private final Map<String, Map<Fault, AtomicInteger>> injected = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

	/** Items a conflict holds, by table and key, until a System.nanoTime(). */
	private final Map<String, Long> heldItems = new ConcurrentHashMap<>();

	private volatile long holdNanos;

	private volatile boolean enabled = true;

	private DynamoDbFaults(long seed) {
		this.random = new Random(seed);
	}

	/** Injects nothing until told what; its choices follow from {@code seed}. */
	public static DynamoDbFaults seeded(long seed) {
		return new DynamoDbFaults(seed);
	}

	/**
	 * Answers {@code share} (0 to 1) of the calls of {@code operation} ({@code TransactWriteItems}, {@code GetItem},
	 * ...) with one of {@code faults}, each as likely; replaces what was set for the operation before.
	 */
	public DynamoDbFaults inject(String operation, double share, Fault... faults) {
		return inject(operation, share, Integer.MAX_VALUE, faults);
	}

	/**
	 * As {@link #inject(String, double, Fault...)}, for the first {@code limit} faults of the operation only (a
	 * conflict on a held item not included).
	 */
	public DynamoDbFaults inject(String operation, double share, int limit, Fault... faults) {
		if (share < 0 || share > 1 || faults.length == 0) {
			throw new IllegalArgumentException("a share between 0 and 1 of at least one fault");
		}
		for (Fault fault : faults) {
			if (fault.transactional && !operation.startsWith("Transact")) {
				throw new IllegalArgumentException(fault + " is an answer to a transaction, not to " + operation);
			}
		}
		rules.put(operation, new Rule(share, limit, List.of(faults)));
		return this;
	}

	/** A conflict keeps the item it names held this long: transactions on it meanwhile conflict too. */
	public DynamoDbFaults holdConflicts(Duration duration) {
		this.holdNanos = duration.toNanos();
		return this;
	}

	/** Forwards every call from now on (and lets held items go), until {@link #enable()}. */
	public void disable() {
		enabled = false;
		heldItems.clear();
	}

	public void enable() {
		enabled = true;
	}

	/** How many calls of {@code fault} were answered in all. */
	public int injected(Fault fault) {
		return injected.values().stream().mapToInt(counts -> count(counts, fault)).sum();
	}

	/** How many calls of {@code operation} were answered with {@code fault}. */
	public int injected(String operation, Fault fault) {
		return count(injected.getOrDefault(operation, Map.of()), fault);
	}

	/** How many calls were answered with a fault, of any kind. */
	public int injected() {
		return injected.values().stream().flatMap(counts -> counts.values().stream()).mapToInt(AtomicInteger::get).sum();
	}

	/** How many calls of {@code operation} this saw, answered or forwarded. */
	public int calls(String operation) {
		AtomicInteger count = calls.get(operation);
		return count == null ? 0 : count.get();
	}

	/** What was injected, per operation and fault: for a test's failure message. */
	public Map<String, Map<Fault, Integer>> summary() {
		Map<String, Map<Fault, Integer>> summary = new LinkedHashMap<>();
		injected.forEach((operation, counts) -> summary.put(operation, counts.entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().get(), Integer::sum,
					() -> new EnumMap<>(Fault.class)))));
		return summary;
	}

	@Override
	public String toString() {
		return "DynamoDbFaults" + summary();
	}

	@Override
	public DynamoDbProxy.Answer before(DynamoDbProxy.Call call) {
		calls.computeIfAbsent(call.operation(), key -> new AtomicInteger()).incrementAndGet();
		Rule rule = rules.get(call.operation());
		if (!enabled || rule == null) {
			return null;
		}
		JsonNode request = JsonNode.parser().parse(call.body());
		if (call.operation().startsWith("Transact") && rule.faults.contains(Fault.TRANSACTION_CONFLICT)) {
			int held = heldItemIn(request);
			if (held >= 0) { // a consequence of an earlier fault: not counted against the limit
				return answer(call.operation(), Fault.TRANSACTION_CONFLICT,
						cancellation(request, held, "TransactionConflict", CONFLICT_MESSAGE));
			}
		}
		Fault fault;
		int item;
		synchronized (random) {
			if (random.nextDouble() >= rule.share) {
				return null;
			}
			fault = rule.faults.get(random.nextInt(rule.faults.size()));
			item = random.nextInt(Integer.MAX_VALUE);
		}
		if (!rule.take()) {
			return null;
		}
		return answer(call.operation(), fault, errorFor(fault, call.operation(), request, item));
	}

	private DynamoDbProxy.Answer answer(String operation, Fault fault, DynamoDbProxy.Answer answer) {
		injected.computeIfAbsent(operation, key -> new ConcurrentHashMap<>())
			.computeIfAbsent(fault, key -> new AtomicInteger())
			.incrementAndGet();
		return answer;
	}

	private DynamoDbProxy.Answer errorFor(Fault fault, String operation, JsonNode request, int choice) {
		boolean write = !READS.contains(operation);
		String table = tableOf(request);
		switch (fault) {
			case TRANSACTION_CONFLICT -> {
				List<JsonNode> items = transactItems(request);
				int index = choice % Math.max(1, items.size());
				hold(items, index);
				return cancellation(request, index, "TransactionConflict", CONFLICT_MESSAGE);
			}
			case TRANSACTION_THROTTLED -> {
				int index = choice % Math.max(1, transactItems(request).size());
				return cancellation(request, index, "ThrottlingError", KEY_RANGE_MESSAGE);
			}
			case PROVISIONED_THROUGHPUT_EXCEEDED -> {
				return error(DYNAMODB + "ProvisionedThroughputExceededException", "\"message\":" + quoted(PROVISIONED_MESSAGE)
						+ ",\"ThrottlingReasons\":" + throttlingReasons(table, write ? "TableWriteKeyRangeThroughputExceeded"
								: "TableReadKeyRangeThroughputExceeded"));
			}
			case THROTTLING -> {
				return error("com.amazon.coral.availability#ThrottlingException", "\"message\":" + quoted(KEY_RANGE_MESSAGE)
						+ ",\"throttlingReasons\":" + throttlingReasons(table, write ? "TableWriteKeyRangeThroughputExceeded"
								: "TableReadKeyRangeThroughputExceeded"));
			}
			case REQUEST_LIMIT_EXCEEDED -> {
				return error(DYNAMODB + "RequestLimitExceeded", "\"message\":" + quoted(REQUEST_LIMIT_MESSAGE)
						+ ",\"ThrottlingReasons\":" + throttlingReasons(table,
								write ? "TableWriteAccountLimitExceeded" : "TableReadAccountLimitExceeded"));
			}
			default -> throw new IllegalStateException(fault.toString());
		}
	}

	/**
	 * {@code TransactionCanceledException}: a reason per item of the request, in its order, {@code None} but for
	 * the one at {@code index}; the message lists them as DynamoDB does.
	 */
	private static DynamoDbProxy.Answer cancellation(JsonNode request, int index, String code, String message) {
		int count = Math.max(1, transactItems(request).size());
		List<String> reasons = new ArrayList<>();
		List<String> codes = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			if (i == index) {
				reasons.add("{\"Code\":\"" + code + "\",\"Message\":" + quoted(message) + "}");
				codes.add(code);
			}
			else {
				reasons.add("{\"Code\":\"None\"}");
				codes.add("None");
			}
		}
		return error(DYNAMODB + "TransactionCanceledException", "\"CancellationReasons\":[" + String.join(",", reasons)
				+ "],\"Message\":" + quoted("Transaction cancelled, please refer cancellation reasons for specific"
						+ " reasons " + codes.toString()));
	}

	/** An error as DynamoDB sends it: 400, its JSON content type, a request id and the body's CRC32. */
	private static DynamoDbProxy.Answer error(String type, String fields) {
		String body = "{\"__type\":\"" + type + "\"," + fields + "}";
		CRC32 crc = new CRC32();
		crc.update(body.getBytes(StandardCharsets.UTF_8));
		return new DynamoDbProxy.Answer(400, Map.of("Content-Type", "application/x-amz-json-1.0", "x-amzn-RequestId",
				requestId(), "x-amz-crc32", Long.toString(crc.getValue())), body);
	}

	private static String requestId() {
		return UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT);
	}

	private static String throttlingReasons(String table, String reason) {
		return "[{\"reason\":\"" + reason + "\",\"resource\":" + quoted("arn:aws:dynamodb:" + AwsEmulator.REGION + ":"
				+ MotoServer.ACCOUNT + ":table/" + table) + "}]";
	}

	private static List<JsonNode> transactItems(JsonNode request) {
		return request.field("TransactItems").map(JsonNode::asArray).orElse(List.of());
	}

	private static String tableOf(JsonNode request) {
		var table = request.field("TableName");
		if (table.isPresent()) {
			return table.get().asString();
		}
		var batch = request.field("RequestItems");
		if (batch.isPresent() && !batch.get().asObject().isEmpty()) {
			return batch.get().asObject().keySet().iterator().next();
		}
		for (JsonNode item : transactItems(request)) {
			for (JsonNode operation : item.asObject().values()) {
				var name = operation.field("TableName");
				if (name.isPresent()) {
					return name.get().asString();
				}
			}
		}
		return "unknown";
	}

	/** Table and key of a transaction's item, if it names its key (an Update, Delete or ConditionCheck does). */
	private static String itemKey(JsonNode transactItem) {
		for (JsonNode operation : transactItem.asObject().values()) {
			var key = operation.field("Key");
			if (key.isPresent()) {
				return operation.field("TableName").map(JsonNode::asString).orElse("") + " " + key.get();
			}
		}
		return null;
	}

	private void hold(List<JsonNode> items, int index) {
		if (holdNanos <= 0 || index >= items.size()) {
			return;
		}
		String key = itemKey(items.get(index));
		if (key != null) {
			heldItems.put(key, System.nanoTime() + holdNanos);
		}
	}

	/** The index of the first item of the transaction that a conflict holds now, or -1. */
	private int heldItemIn(JsonNode request) {
		if (heldItems.isEmpty()) {
			return -1;
		}
		List<JsonNode> items = transactItems(request);
		long now = System.nanoTime();
		for (int i = 0; i < items.size(); i++) {
			String key = itemKey(items.get(i));
			Long until = key == null ? null : heldItems.get(key);
			if (until != null) {
				if (now - until < 0) {
					return i;
				}
				heldItems.remove(key, until);
			}
		}
		return -1;
	}

	private static int count(Map<Fault, AtomicInteger> counts, Fault fault) {
		AtomicInteger count = counts.get(fault);
		return count == null ? 0 : count.get();
	}

	/** A JSON string; the texts here need no escapes but quotes and backslashes. */
	private static String quoted(String text) {
		return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	/** What to inject for one operation. */
	private static final class Rule {

		private final double share;

		private final List<Fault> faults;

		private final AtomicInteger left;

		Rule(double share, int limit, List<Fault> faults) {
			this.share = share;
			this.faults = faults;
			this.left = new AtomicInteger(limit);
		}

		/** Whether one more fault may be injected (and counts it off). */
		boolean take() {
			return left.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
		}

	}

}
