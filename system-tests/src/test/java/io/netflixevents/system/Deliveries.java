package io.netflixevents.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.netflixevents.event.EventArchiveKey;
import io.netflixevents.testsupport.AwsEmulator;
import io.netflixevents.testsupport.Queues;
import io.netflixevents.testsupport.RunningSystem;
import io.netflixevents.testsupport.Tables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.SqsClient;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The delivery figures, read from the real peers: the archive bucket's listing (S3), each consumer's
 * {@code /api/applied-events/count} (the sum of its table's counter items: successful applications), its table's
 * {@code EVENT#<id> / APPLIED} markers (DynamoDB: distinct events applied), and queue depths (SQS). An event applied
 * twice shows as more applications than markers.
 * <p>
 * Each test class gives every consumer a fresh table ({@code AWS_DYNAMODB_TABLE}), so the figures are its own.
 */
final class Deliveries implements AutoCloseable {

	static final String BUCKET = "netflix-events-archive";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final DynamoDbClient dynamoDb;

	private final S3Client s3;

	private final SqsClient sqs;

	private final Queues queues;

	private final Map<String, String> tables = new HashMap<>();

	Deliveries(AwsEmulator aws) {
		this.dynamoDb = Tables.client(aws);
		this.s3 = aws.s3();
		this.sqs = aws.sqs();
		this.queues = new Queues(sqs);
	}

	/** Creates a fresh table for each of these consumers; {@link #tableOf} names it. */
	Deliveries withFreshTables(Collection<String> consumers, String prefix) {
		consumers.forEach(consumer -> tables.put(consumer,
				Tables.createServiceTable(dynamoDb, "netflix-events-" + prefix + "-" + consumer)));
		return this;
	}

	String tableOf(String consumer) {
		return tables.get(consumer);
	}

	Queues queues() {
		return queues;
	}

	SqsClient sqs() {
		return sqs;
	}

	/** Successful applications, as the service reports them over HTTP (summed over all its instances' writes). */
	long applications(RunningSystem system, String consumer) {
		try {
			HttpResponse<String> response = HTTP.send(
					HttpRequest.newBuilder(URI.create(system.urlOf(consumer) + "/api/applied-events/count"))
						.timeout(Duration.ofSeconds(30))
						.build(),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException(consumer + " answered " + response.statusCode() + ": " + response.body());
			}
			return JSON.readTree(response.body()).get("applied").asLong();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private long applicationsOrNone(RunningSystem system, String consumer) {
		try {
			return applications(system, consumer);
		}
		catch (java.io.UncheckedIOException ex) {
			return -1;
		}
	}

	/** Distinct events applied: the {@code EVENT#…} markers in the consumer's table. */
	long markers(String consumer) {
		long count = 0;
		Map<String, AttributeValue> start = null;
		do {
			Map<String, AttributeValue> from = start;
			ScanResponse page = dynamoDb.scan(request -> request.tableName(tableOf(consumer))
				.select(Select.COUNT)
				.filterExpression("begins_with(pk, :marker) AND sk = :applied")
				.expressionAttributeValues(Map.of(":marker", AttributeValue.fromS("EVENT#"), ":applied",
						AttributeValue.fromS("APPLIED")))
				.exclusiveStartKey(from));
			count += page.count();
			start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
		}
		while (start != null);
		return count;
	}

	/** Which of these events the consumer's table marks as applied. */
	Set<UUID> markedApplied(String consumer, Collection<UUID> eventIds) {
		String table = tableOf(consumer);
		List<Map<String, AttributeValue>> keys = eventIds.stream()
			.map(id -> Map.of("pk", AttributeValue.fromS("EVENT#" + id), "sk", AttributeValue.fromS("APPLIED")))
			.toList();
		Set<UUID> marked = new HashSet<>();
		for (int from = 0; from < keys.size(); from += 100) {
			Map<String, KeysAndAttributes> pending = Map.of(table,
					KeysAndAttributes.builder()
						.keys(keys.subList(from, Math.min(from + 100, keys.size())))
						.consistentRead(true)
						.build());
			while (!pending.isEmpty()) {
				Map<String, KeysAndAttributes> request = pending;
				var response = dynamoDb.batchGetItem(batch -> batch.requestItems(request));
				response.responses()
					.getOrDefault(table, List.of())
					.forEach(item -> marked.add(UUID.fromString(item.get("pk").s().substring("EVENT#".length()))));
				pending = response.unprocessedKeys();
			}
		}
		return marked;
	}

	/** How many objects the archive holds for each event id (an event's key ends in {@code <eventId>.json}). */
	Map<UUID, Integer> archivedCopies() {
		Map<UUID, Integer> copies = new HashMap<>();
		s3.listObjectsV2Paginator(request -> request.bucket(BUCKET).prefix(EventArchiveKey.PREFIX))
			.contents()
			.stream()
			.map(S3Object::key)
			.map(key -> key.substring(key.lastIndexOf('/') + 1, key.length() - ".json".length()))
			.forEach(id -> copies.merge(UUID.fromString(id), 1, Integer::sum));
		return copies;
	}

	/**
	 * Waits until the consumer applied exactly the expected events, each once: as many applications as markers, as
	 * many as expected, and every expected event marked. Fails at once when the figures pass the expected count.
	 */
	void awaitAppliedExactlyOnce(RunningSystem system, String consumer, Set<UUID> expected, Duration within) {
		await(consumer + " applied " + expected.size() + " events, each once").atMost(within)
			.pollInterval(Duration.ofMillis(500))
			.ignoreExceptionsInstanceOf(java.io.UncheckedIOException.class) // a busy service answering late
			.failFast(consumer + " applied more than " + expected.size() + " times",
					() -> applicationsOrNone(system, consumer) > expected.size())
			.untilAsserted(() -> {
				assertThat(applications(system, consumer)).as(consumer + " applications").isEqualTo(expected.size());
				assertThat(markers(consumer)).as(consumer + " distinct events applied").isEqualTo(expected.size());
			});
		assertThat(markedApplied(consumer, expected)).as(consumer + " applied the expected events")
			.containsExactlyInAnyOrderElementsOf(expected);
	}

	/** Waits until the queue has nothing waiting and nothing in flight. */
	void awaitDrained(String queueUrl, Duration within) {
		await(queueUrl + " drained").atMost(within)
			.pollInterval(Duration.ofMillis(500))
			.until(() -> queues.depth(queueUrl) == 0);
	}

	/**
	 * The messages in a queue (a DLQ) by id, with their bodies: received without deleting them, then made visible
	 * again.
	 */
	Map<String, String> messagesIn(String queueUrl) {
		Map<String, String> bodies = new java.util.LinkedHashMap<>();
		List<String> receipts = new ArrayList<>();
		int depth = queues.depth(queueUrl);
		for (int round = 0; round < depth + 3 && bodies.size() < depth; round++) {
			sqs.receiveMessage(request -> request.queueUrl(queueUrl).maxNumberOfMessages(10).visibilityTimeout(60))
				.messages()
				.forEach(message -> {
					bodies.put(message.messageId(), message.body());
					receipts.add(message.receiptHandle());
				});
		}
		receipts.forEach(receipt -> sqs.changeMessageVisibility(
				request -> request.queueUrl(queueUrl).receiptHandle(receipt).visibilityTimeout(0)));
		return bodies;
	}

	@Override
	public void close() {
		dynamoDb.close();
		s3.close();
		sqs.close();
	}

}
