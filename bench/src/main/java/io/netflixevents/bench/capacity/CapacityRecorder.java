package io.netflixevents.bench.capacity;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import io.netflixevents.testsupport.DynamoDbProxy;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The interceptor of one service's {@link DynamoDbProxy}: bills every call the service makes. A write (PutItem,
 * UpdateItem, DeleteItem, BatchWriteItem, TransactWriteItems) is forwarded by the recorder itself, holding the locks
 * of the items it names ({@link WrittenItem}), and each of them is billed by the larger of its size before (as the
 * previous write left it) and after (the item put, or the updated item read back from the emulator before the lock
 * is released, so images are never mixed up with another write's). A transaction that carries an event's marker
 * ({@code EVENT#<id>}) is the event path, any other write the background (a rollup refresh). A read is billed from
 * the items the emulator answered ({@link ReadBilling}) and goes to whatever {@link #readsTo(Tally) sink} the model
 * set: the event path, the quiet background, or one API call.
 */
final class CapacityRecorder implements DynamoDbProxy.Interceptor {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Set<String> WRITES = Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem",
			"TransactWriteItems");

	private final URI emulator;

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5)).build();

	/** Writes of one item are recorded one at a time; writes of other items (other stripes) at the same time. */
	private final ReentrantLock[] stripes = new ReentrantLock[64];

	final Tally eventWrites = new Tally();

	final Tally backgroundWrites = new Tally();

	/** Events applied: committed transactions with a marker. */
	final AtomicLong applied = new AtomicLong();

	/** Transactions with a marker that the emulator refused (a duplicate, a failed condition, an item too large). */
	final AtomicLong refused = new AtomicLong();

	/** Why, by the error's type and the start of its message. */
	final Map<String, Long> refusals = new ConcurrentHashMap<>();

	/** Event ids whose transaction committed, for {@code /api/applied-events/{id}}. */
	final List<String> appliedIds = java.util.Collections.synchronizedList(new ArrayList<>());

	/**
	 * Every item's size as the last write left it: the table starts empty and only the service writes to it, through
	 * here, so this is the size before the next write. After a write, a Put's item is the one sent, a Delete's none,
	 * and an Update's is read back from the emulator while the lock is held.
	 */
	private final Map<String, Long> sizes = new ConcurrentHashMap<>();

	private volatile long lastEventWriteNanos = System.nanoTime();

	private volatile Tally reads = new Tally();

	CapacityRecorder(URI emulator) {
		this.emulator = emulator;
		for (int i = 0; i < stripes.length; i++) {
			stripes[i] = new ReentrantLock();
		}
	}

	/** Where the reads go from now on. */
	void readsTo(Tally sink) {
		this.reads = sink;
	}

	/** Nanoseconds since the last write of the event path. */
	long nanosSinceEventWrite() {
		return System.nanoTime() - lastEventWriteNanos;
	}

	@Override
	public DynamoDbProxy.Answer before(DynamoDbProxy.Call call) {
		if (!WRITES.contains(call.operation())) {
			return null;
		}
		JsonNode request = JSON.readTree(call.body());
		List<WrittenItem> written = WrittenItem.of(call.operation(), request);
		boolean transactional = call.operation().equals("TransactWriteItems");
		String eventId = WrittenItem.markerOf(written);
		List<ReentrantLock> locks = written.stream()
			.map(item -> Math.floorMod(item.id().hashCode(), stripes.length))
			.distinct()
			.sorted() // always in the same order, so two writes never wait for each other's locks
			.map(stripe -> stripes[stripe])
			.toList();
		locks.forEach(ReentrantLock::lock);
		try {
			DynamoDbProxy.Answer answer = send(call.operation(), call.body());
			boolean committed = answer.status() == 200;
			Map<String, JsonNode> updated = committed ? images(written.stream().filter(WrittenItem::updates).toList())
					: Map.of();
			Tally tally = eventId != null ? eventWrites : backgroundWrites;
			for (WrittenItem item : written) {
				long sizeBefore = sizes.getOrDefault(item.id(), 0L);
				long sizeAfter = !committed || item.action() == WrittenItem.Action.CHECK ? sizeBefore
						: item.action() == WrittenItem.Action.DELETE ? 0
								: item.action() == WrittenItem.Action.PUT ? ItemSize.of(item.item())
										: ItemSize.of(updated.get(item.id()));
				sizes.put(item.id(), sizeAfter);
				tally.add(item.pk(), item.sk(), sizeAfter, Billing.writeUnits(sizeBefore, sizeAfter, transactional));
			}
			if (eventId != null) {
				lastEventWriteNanos = System.nanoTime();
				if (answer.status() == 200) {
					applied.incrementAndGet();
					appliedIds.add(eventId);
				}
				else {
					refused.incrementAndGet();
					refusals.merge(reason(answer), 1L, Long::sum);
				}
			}
			return answer;
		}
		finally {
			locks.forEach(ReentrantLock::unlock);
		}
	}

	@Override
	public void after(DynamoDbProxy.Call call, DynamoDbProxy.Answer answer) {
		if (answer.status() == 200) {
			ReadBilling.bill(call.operation(), JSON.readTree(call.body()), JSON.readTree(answer.body()), reads);
		}
	}

	/** The items as they are now, read straight from the emulator (BatchGetItem, 100 keys at a time). */
	private Map<String, JsonNode> images(List<WrittenItem> written) {
		Map<String, List<WrittenItem>> byTable = new LinkedHashMap<>();
		Map<String, WrittenItem> distinct = new LinkedHashMap<>();
		written.forEach(item -> distinct.putIfAbsent(item.id(), item));
		distinct.values().forEach(item -> byTable.computeIfAbsent(item.table(), t -> new ArrayList<>()).add(item));
		Map<String, JsonNode> images = new HashMap<>();
		for (Map.Entry<String, List<WrittenItem>> table : byTable.entrySet()) {
			List<WrittenItem> items = table.getValue();
			for (int from = 0; from < items.size(); from += 100) {
				ObjectNode request = JSON.createObjectNode();
				ObjectNode keys = request.putObject("RequestItems").putObject(table.getKey());
				keys.put("ConsistentRead", true);
				ArrayNode list = keys.putArray("Keys");
				items.subList(from, Math.min(items.size(), from + 100)).forEach(item -> list.add(item.key()));
				DynamoDbProxy.Answer answer = send("BatchGetItem", request.toString());
				if (answer.status() != 200) {
					throw new IllegalStateException("reading images failed: " + answer.body());
				}
				for (JsonNode item : JSON.readTree(answer.body()).path("Responses").path(table.getKey())) {
					images.put(table.getKey() + "\u0000" + Keys.id(item), item);
				}
			}
		}
		return images;
	}

	private DynamoDbProxy.Answer send(String operation, String body) {
		HttpRequest request = HttpRequest.newBuilder(emulator)
			.timeout(Duration.ofSeconds(60))
			.header("Content-Type", "application/x-amz-json-1.0")
			.header("X-Amz-Target", "DynamoDB_20120810." + operation)
			.header("Authorization",
					"AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		try {
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			Map<String, String> headers = new LinkedHashMap<>();
			response.headers().map().forEach((name, values) -> {
				String lower = name.toLowerCase();
				if (!lower.equals("content-length") && !lower.equals("connection") && !lower.equals("transfer-encoding")
						&& !lower.startsWith(":")) {
					headers.put(name, values.get(0));
				}
			});
			return new DynamoDbProxy.Answer(response.statusCode(), headers, response.body());
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String reason(DynamoDbProxy.Answer answer) {
		JsonNode error = JSON.readTree(answer.body());
		String type = error.path("__type").asString("?");
		String message = error.path("message").asString(error.path("Message").asString(""));
		String text = type.substring(type.indexOf('#') + 1) + ": " + message;
		return text.length() > 120 ? text.substring(0, 120) : text;
	}

}
