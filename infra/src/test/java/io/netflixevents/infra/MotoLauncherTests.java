package io.netflixevents.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import io.netflixevents.testsupport.MotoServer;
import io.netflixevents.testsupport.Processes;
import io.netflixevents.testsupport.ProjectFiles;
import io.netflixevents.testsupport.PythonTools;
import io.netflixevents.testsupport.Tables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchEntryIdsNotDistinctException;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * {@code infra/local/moto_server.py}, which the local run and every test start instead of plain {@code moto_server}:
 * its DynamoDB transactions must be isolated as DynamoDB's are, or the exactly-once tests would measure moto. Writers
 * apply events the way the consumers do (a marker put on condition and a counter {@code ADD}, in one transaction).
 * The updates it applies without moto's validators must come out as DynamoDB's do, and what DynamoDB rejects must
 * still be rejected, changing nothing. Its SQS must reject what SQS rejects, or a batching bug would pass here and
 * fail on AWS. And it patches moto's internals, so it must refuse a moto version it was not written for.
 */
class MotoLauncherTests {

	private static final int EVENTS = 100;

	private static final int WRITERS = 8;

	private static final Map<String, AttributeValue> COUNTER = Map.of("pk", AttributeValue.fromS("COUNT"), "sk",
			AttributeValue.fromS("COUNT"));

	private static MotoServer moto;

	private static DynamoDbClient dynamoDb;

	private static String table;

	@BeforeAll
	static void startMoto() {
		moto = MotoServer.start();
		dynamoDb = Tables.client(moto.endpoint());
		table = Tables.createServiceTable(dynamoDb, "launcher");
	}

	@AfterAll
	static void stopMoto() {
		dynamoDb.close();
		moto.close();
	}

	@Test
	void concurrentTransactionsApplyEachEventOnceAndReadersNeverSeeARolledBackWrite() throws Exception {
		AtomicInteger applied = new AtomicInteger();
		AtomicInteger rejected = new AtomicInteger();
		ExecutorService threads = Executors.newFixedThreadPool(WRITERS + 4);
		try {
			// every event offered by several writers at once: one transaction wins, the others roll back
			runAll(threads, WRITERS, () -> {
				for (int event = 0; event < EVENTS; event++) {
					(apply(event) ? applied : rejected).incrementAndGet();
				}
			});
			assertThat(applied).hasValue(EVENTS);
			assertThat(counted()).isEqualTo((long) EVENTS).isEqualTo(markers());

			// only duplicates now, each changing the counter before it is rolled back; readers must not see that
			AtomicBoolean writing = new AtomicBoolean(true);
			AtomicInteger reads = new AtomicInteger();
			List<Long> wrongReads = new CopyOnWriteArrayList<>();
			List<Future<?>> readers = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				readers.add(threads.submit(() -> {
					while (writing.get()) {
						long counted = countedAlongWithMarkers();
						if (counted != EVENTS) {
							wrongReads.add(counted);
						}
						reads.incrementAndGet();
					}
				}));
			}
			int rejectedBefore = rejected.get();
			runAll(threads, WRITERS, () -> {
				for (int n = 0; n < 40; n++) {
					(apply(ThreadLocalRandom.current().nextInt(EVENTS)) ? applied : rejected).incrementAndGet();
				}
			});
			writing.set(false);
			for (Future<?> reader : readers) {
				reader.get();
			}
			assertThat(rejected.get() - rejectedBefore).isEqualTo(WRITERS * 40);
			assertThat(reads).hasPositiveValue();
			assertThat(wrongReads).as("counter values read while duplicates were rolled back").isEmpty();
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(counted()).isEqualTo((long) EVENTS).isEqualTo(markers());
	}

	@Test
	void updatesOfSetsAndAddsComeOutAsDynamoDbsAndWhatDynamoDbRejectsChangesNothing() {
		Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("UPDATES#" + UUID.randomUUID()), "sk",
				AttributeValue.fromS("ALL"));
		update(key, "ADD n :amount SET #last = :last, title = :title", Map.of("#last", "last"),
				Map.of(":amount", AttributeValue.fromN("1.25"), ":last", AttributeValue.fromN("17"), ":title",
						AttributeValue.fromS("Heat")));
		update(key, "set title = :title add n :amount", null,
				Map.of(":amount", AttributeValue.fromN("2"), ":title", AttributeValue.fromS("Ronin")));
		Map<String, AttributeValue> expected = Map.of("pk", key.get("pk"), "sk", key.get("sk"), "n",
				AttributeValue.fromN("3.25"), "last", AttributeValue.fromN("17"), "title", AttributeValue.fromS("Ronin"));
		assertThat(item(key)).as("created with its key by the first update, added to by the second").isEqualTo(expected);

		update(key, "SET version = :next", null, Map.of(":next", AttributeValue.fromN("1"), ":version",
				AttributeValue.fromN("0")), "attribute_not_exists(version) OR version = :version");
		assertThatExceptionOfType(ConditionalCheckFailedException.class)
			.isThrownBy(() -> update(key, "SET version = :next", null, Map.of(":next", AttributeValue.fromN("2"),
					":version", AttributeValue.fromN("0")), "attribute_not_exists(version) OR version = :version"));
		Map<String, AttributeValue> versioned = new HashMap<>(expected);
		versioned.put("version", AttributeValue.fromN("1"));
		assertThat(item(key)).isEqualTo(versioned);

		Map<String, Map<String, AttributeValue>> rejected = Map.of("ADD title :one", Map.of(":one",
				AttributeValue.fromN("1")), "SET n = :one, n = :one", Map.of(":one", AttributeValue.fromN("1")),
				"SET size = :one", Map.of(":one", AttributeValue.fromN("1")), "SET sk = :other",
				Map.of(":other", AttributeValue.fromS("OTHER")), "SET n = :missing", Map.of(":one",
						AttributeValue.fromN("1")), "ADD n :text", Map.of(":text", AttributeValue.fromS("1")));
		rejected.forEach((expression, values) -> assertThatExceptionOfType(DynamoDbException.class)
			.as(expression)
			.isThrownBy(() -> update(key, expression, null, values))
			.satisfies(ex -> assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("ValidationException")));
		assertThat(item(key)).isEqualTo(versioned);
	}

	@Test
	void rejectsADeleteBatchWhoseEntriesShareAnIdAsSqsDoes() {
		try (SqsClient sqs = SqsClient.builder()
			.endpointOverride(moto.endpoint())
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
			.build()) {
			String queueUrl = sqs.createQueue(request -> request.queueName("launcher-" + UUID.randomUUID())).queueUrl();
			sqs.sendMessage(request -> request.queueUrl(queueUrl).messageBody("delivered twice"));
			Message first = receiveAgainAtOnce(sqs, queueUrl);
			Message second = receiveAgainAtOnce(sqs, queueUrl);
			assertThat(second.receiptHandle()).isNotEqualTo(first.receiptHandle());

			assertThatExceptionOfType(BatchEntryIdsNotDistinctException.class)
				.isThrownBy(() -> sqs.deleteMessageBatch(request -> request.queueUrl(queueUrl)
					.entries(entry -> entry.id(first.messageId()).receiptHandle(first.receiptHandle()),
							entry -> entry.id(second.messageId()).receiptHandle(second.receiptHandle()))));
			Message third = receiveAgainAtOnce(sqs, queueUrl);
			assertThat(third.messageId()).as("still on the queue").isEqualTo(first.messageId());

			DeleteMessageBatchResponse deleted = sqs.deleteMessageBatch(request -> request.queueUrl(queueUrl)
				.entries(entry -> entry.id("0").receiptHandle(second.receiptHandle()),
						entry -> entry.id("1").receiptHandle(third.receiptHandle())));
			assertThat(deleted.failed()).isEmpty();
			assertThat(sqs.receiveMessage(request -> request.queueUrl(queueUrl)).messages()).isEmpty();
		}
	}

	@Test
	void refusesToStartOnAMotoItWasNotWrittenForWithOneLineSayingWhatToDo(@TempDir Path shadow) throws IOException {
		// a moto package of another version first on the path, as another pip install would leave it
		Files.createDirectories(shadow.resolve("moto"));
		Files.writeString(shadow.resolve("moto/__init__.py"), "__version__ = \"4.2.14\"\n");

		Processes.Result result = Processes.execute(
				List.of(PythonTools.command("python3"), "infra/local/moto_server.py", "-H", "127.0.0.1", "-p", "9"),
				Map.of("PYTHONPATH", shadow.toString()), Duration.ofSeconds(60));

		String pinned = Pattern.compile("(?m)^moto\\[server\\]==(\\S+)$")
			.matcher(Files.readString(ProjectFiles.resolve("infra/local/requirements.txt")))
			.results()
			.map(match -> match.group(1))
			.findFirst()
			.orElseThrow();
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
		assertThat(result.output().strip()).as(result.toString())
			.doesNotContain("\n")
			.startsWith("moto_server.py: written for moto " + pinned + ", found moto 4.2.14 in " + shadow)
			.endsWith("run it with the python3 that infra/local/python.sh prints");
	}

	private static Message receiveAgainAtOnce(SqsClient sqs, String queueUrl) {
		List<Message> received = sqs
			.receiveMessage(request -> request.queueUrl(queueUrl).visibilityTimeout(0).waitTimeSeconds(1))
			.messages();
		assertThat(received).hasSize(1);
		return received.get(0);
	}

	private static void runAll(ExecutorService threads, int count, Runnable task) throws Exception {
		List<Future<?>> running = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			running.add(threads.submit(task));
		}
		for (Future<?> future : running) {
			future.get();
		}
	}

	private static void update(Map<String, AttributeValue> key, String expression, Map<String, String> names,
			Map<String, AttributeValue> values) {
		update(key, expression, names, values, null);
	}

	private static void update(Map<String, AttributeValue> key, String expression, Map<String, String> names,
			Map<String, AttributeValue> values, String condition) {
		dynamoDb.updateItem(request -> request.tableName(table)
			.key(key)
			.updateExpression(expression)
			.expressionAttributeNames(names)
			.expressionAttributeValues(values)
			.conditionExpression(condition));
	}

	private static Map<String, AttributeValue> item(Map<String, AttributeValue> key) {
		return dynamoDb.getItem(request -> request.tableName(table).key(key).consistentRead(true)).item();
	}

	/** Marker and counter in one transaction; false when the marker was there already. */
	private static boolean apply(int event) {
		try {
			dynamoDb.transactWriteItems(request -> request.transactItems(
					item -> item.put(put -> put.tableName(table)
						.item(Map.of("pk", AttributeValue.fromS("EVENT#" + event), "sk", AttributeValue.fromS("APPLIED")))
						.conditionExpression("attribute_not_exists(pk)")),
					item -> item.update(update -> update.tableName(table)
						.key(COUNTER)
						.updateExpression("ADD applied :one")
						.expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))))));
			return true;
		}
		catch (TransactionCanceledException ex) {
			assertThat(ex.cancellationReasons().get(0).code()).isEqualTo("ConditionalCheckFailed");
			return false;
		}
	}

	private static long counted() {
		Map<String, AttributeValue> item = dynamoDb
			.getItem(request -> request.tableName(table).key(COUNTER).consistentRead(true))
			.item();
		return item.containsKey("applied") ? Long.parseLong(item.get("applied").n()) : 0;
	}

	/**
	 * The counter, read in one {@code BatchGetItem} with the markers as a consumer's count endpoint reads its shards:
	 * moto fetches the keys one by one, so writes can happen between the counter's fetch and the answer.
	 */
	private static long countedAlongWithMarkers() {
		List<Map<String, AttributeValue>> keys = new ArrayList<>();
		keys.add(COUNTER);
		for (int event = 0; event < EVENTS - 1; event++) {
			keys.add(Map.of("pk", AttributeValue.fromS("EVENT#" + event), "sk", AttributeValue.fromS("APPLIED")));
		}
		return dynamoDb.batchGetItem(request -> request.requestItems(Map.of(table, KeysAndAttributes.builder()
				.keys(keys)
				.consistentRead(true)
				.build())))
			.responses()
			.get(table)
			.stream()
			.filter(item -> item.containsKey("applied"))
			.mapToLong(item -> Long.parseLong(item.get("applied").n()))
			.sum();
	}

	private static long markers() {
		return dynamoDb.scan(request -> request.tableName(table)
			.select(Select.COUNT)
			.filterExpression("begins_with(pk, :marker)")
			.expressionAttributeValues(Map.of(":marker", AttributeValue.fromS("EVENT#")))).count();
	}

}
