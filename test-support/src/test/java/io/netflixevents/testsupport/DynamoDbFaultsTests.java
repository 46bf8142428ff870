package io.netflixevents.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.netflixevents.testsupport.DynamoDbFaults.Fault;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@link DynamoDbFaults} behind a {@link DynamoDbProxy} in front of moto, called with the real SDK: each fault must
 * reach the caller as the exception DynamoDB's own answer raises, with its reasons parsed, which proves the wire
 * format. The SDK's retries are off unless a test is about them.
 */
class DynamoDbFaultsTests {

	private static MotoServer moto;

	private static DynamoDbClient direct;

	private static String table;

	private DynamoDbProxy proxy;

	@BeforeAll
	static void startMoto() {
		moto = MotoServer.start();
		direct = Tables.client(moto.endpoint());
		table = Tables.createServiceTable(direct, "faults");
	}

	@AfterAll
	static void stopMoto() {
		if (direct != null) {
			direct.close();
		}
		if (moto != null) {
			moto.close();
		}
	}

	@AfterEach
	void stopProxy() {
		if (proxy != null) {
			proxy.close();
		}
	}

	@Test
	void transactionConflictIsACancellationWithOneReasonPerItemAndNothingWritten() {
		DynamoDbFaults faults = DynamoDbFaults.seeded(1).inject("TransactWriteItems", 1.0, Fault.TRANSACTION_CONFLICT);
		try (DynamoDbClient client = throughFaults(faults, false)) {
			TransactionCanceledException ex = catchThrowableOfType(TransactionCanceledException.class,
					() -> client.transactWriteItems(request -> request.transactItems(threeWrites("conflict"))));

			assertThat(ex.statusCode()).isEqualTo(400);
			assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("TransactionCanceledException");
			assertThat(ex.hasCancellationReasons()).isTrue();
			assertThat(ex.cancellationReasons()).extracting(CancellationReason::code)
				.hasSize(3)
				.containsOnlyOnce("TransactionConflict")
				.containsOnly("None", "TransactionConflict");
			assertThat(ex.cancellationReasons()).filteredOn(reason -> "TransactionConflict".equals(reason.code()))
				.extracting(CancellationReason::message)
				.containsExactly("Transaction is ongoing for the item");
			assertThat(ex.getMessage()).contains("Transaction cancelled, please refer cancellation reasons");
			assertThat(ex.isThrottlingException()).isFalse();
		}
		assertThat(faults.injected("TransactWriteItems", Fault.TRANSACTION_CONFLICT)).isEqualTo(1);
		assertThat(direct.getItem(request -> request.tableName(table).key(key("conflict-a"))).hasItem()).isFalse();
	}

	@Test
	void throttledTransactionIsACancellationWithAThrottlingErrorReason() {
		DynamoDbFaults faults = DynamoDbFaults.seeded(2).inject("TransactWriteItems", 1.0, Fault.TRANSACTION_THROTTLED);
		try (DynamoDbClient client = throughFaults(faults, false)) {
			TransactionCanceledException ex = catchThrowableOfType(TransactionCanceledException.class,
					() -> client.transactWriteItems(request -> request.transactItems(threeWrites("throttled"))));

			assertThat(ex.cancellationReasons()).extracting(CancellationReason::code)
				.hasSize(3)
				.containsOnlyOnce("ThrottlingError")
				.containsOnly("None", "ThrottlingError");
		}
		assertThat(faults.injected(Fault.TRANSACTION_THROTTLED)).isEqualTo(1);
	}

	@Test
	void provisionedThroughputExceededNamesTheKeyRangeAndIsThrottling() {
		DynamoDbFaults faults = DynamoDbFaults.seeded(3)
			.inject("GetItem", 1.0, Fault.PROVISIONED_THROUGHPUT_EXCEEDED)
			.inject("UpdateItem", 1.0, Fault.PROVISIONED_THROUGHPUT_EXCEEDED);
		try (DynamoDbClient client = throughFaults(faults, false)) {
			ProvisionedThroughputExceededException read = catchThrowableOfType(
					ProvisionedThroughputExceededException.class,
					() -> client.getItem(request -> request.tableName(table).key(key("any"))));
			ProvisionedThroughputExceededException write = catchThrowableOfType(
					ProvisionedThroughputExceededException.class,
					() -> client.updateItem(request -> request.tableName(table)
						.key(key("any"))
						.updateExpression("ADD n :one")
						.expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))));

			assertThat(read.isThrottlingException()).isTrue();
			assertThat(read.statusCode()).isEqualTo(400);
			assertThat(read.awsErrorDetails().errorMessage()).startsWith("The level of configured provisioned throughput");
			assertThat(read.throttlingReasons()).singleElement().satisfies(reason -> {
				assertThat(reason.reason()).isEqualTo("TableReadKeyRangeThroughputExceeded");
				assertThat(reason.resource()).endsWith(":table/" + table);
			});
			assertThat(write.throttlingReasons()).singleElement()
				.satisfies(reason -> assertThat(reason.reason()).isEqualTo("TableWriteKeyRangeThroughputExceeded"));
		}
		assertThat(faults.injected("GetItem", Fault.PROVISIONED_THROUGHPUT_EXCEEDED)).isEqualTo(1);
		assertThat(faults.injected("UpdateItem", Fault.PROVISIONED_THROUGHPUT_EXCEEDED)).isEqualTo(1);
	}

	@Test
	void throttlingExceptionIsDynamoDbsModeledThrottling() {
		DynamoDbFaults faults = DynamoDbFaults.seeded(4).inject("Query", 1.0, Fault.THROTTLING);
		try (DynamoDbClient client = throughFaults(faults, false)) {
			ThrottlingException ex = catchThrowableOfType(ThrottlingException.class,
					() -> client.query(request -> request.tableName(table)
						.keyConditionExpression("pk = :pk")
						.expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("any")))));

			assertThat(ex.isThrottlingException()).isTrue();
			assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
			assertThat(ex.awsErrorDetails().errorMessage()).contains("check if you have a hot key");
			assertThat(ex.throttlingReasons()).singleElement()
				.satisfies(reason -> assertThat(reason.reason()).isEqualTo("TableReadKeyRangeThroughputExceeded"));
		}
		assertThat(faults.injected(Fault.THROTTLING)).isEqualTo(1);
	}

	@Test
	void requestLimitExceededIsThrottling() {
		DynamoDbFaults faults = DynamoDbFaults.seeded(5).inject("BatchGetItem", 1.0, Fault.REQUEST_LIMIT_EXCEEDED);
		try (DynamoDbClient client = throughFaults(faults, false)) {
			RequestLimitExceededException ex = catchThrowableOfType(RequestLimitExceededException.class,
					() -> client.batchGetItem(request -> request
						.requestItems(Map.of(table, KeysAndAttributes.builder().keys(key("any")).build()))));

			assertThat(ex.isThrottlingException()).isTrue();
			assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("RequestLimitExceeded");
			assertThat(ex.throttlingReasons()).singleElement()
				.satisfies(reason -> assertThat(reason.reason()).isEqualTo("TableReadAccountLimitExceeded"));
		}
		assertThat(faults.injected("BatchGetItem", Fault.REQUEST_LIMIT_EXCEEDED)).isEqualTo(1);
	}

	@Test
	void theSdksDefaultRetriesAbsorbThrottlingButNotCancellations() {
		DynamoDbFaults faults = DynamoDbFaults.seeded(6)
			.inject("GetItem", 1.0, 2, Fault.THROTTLING)
			.inject("TransactWriteItems", 1.0, 1, Fault.TRANSACTION_CONFLICT);
		try (DynamoDbClient client = throughFaults(faults, true)) {
			assertThat(client.getItem(request -> request.tableName(table).key(key("any"))).hasItem()).isFalse();
			assertThat(faults.calls("GetItem")).as("attempts: two throttled, then forwarded").isEqualTo(3);

			catchThrowableOfType(TransactionCanceledException.class,
					() -> client.transactWriteItems(request -> request.transactItems(threeWrites("default-retries"))));
			assertThat(faults.calls("TransactWriteItems")).as("attempts of the cancelled transaction").isEqualTo(1);
		}
	}

	@Test
	void aHeldConflictCancelsEveryTransactionOnTheItemUntilReleased() {
		DynamoDbFaults faults = DynamoDbFaults.seeded(7)
			.inject("TransactWriteItems", 1.0, 1, Fault.TRANSACTION_CONFLICT)
			.holdConflicts(Duration.ofMinutes(1));
		// one item that names its key: the conflict can only hold that one
		List<TransactWriteItem> oneUpdate = List.of(update("held"));
		try (DynamoDbClient client = throughFaults(faults, false)) {
			for (int attempt = 0; attempt < 3; attempt++) {
				TransactionCanceledException ex = catchThrowableOfType(TransactionCanceledException.class,
						() -> client.transactWriteItems(request -> request.transactItems(oneUpdate)));
				assertThat(ex.cancellationReasons()).extracting(CancellationReason::code)
					.containsExactly("TransactionConflict");
			}
			assertThat(faults.injected("TransactWriteItems", Fault.TRANSACTION_CONFLICT)).isEqualTo(3);

			faults.disable();
			client.transactWriteItems(request -> request.transactItems(oneUpdate));
		}
		assertThat(direct.getItem(request -> request.tableName(table).key(key("held"))).hasItem()).isTrue();
	}

	@Test
	void theSameSeedMakesTheSameChoices() {
		DynamoDbFaults first = DynamoDbFaults.seeded(42).inject("GetItem", 0.3, Fault.THROTTLING,
				Fault.PROVISIONED_THROUGHPUT_EXCEEDED);
		DynamoDbFaults second = DynamoDbFaults.seeded(42).inject("GetItem", 0.3, Fault.THROTTLING,
				Fault.PROVISIONED_THROUGHPUT_EXCEEDED);
		DynamoDbProxy.Call call = new DynamoDbProxy.Call("GetItem", "{\"TableName\":\"t\",\"Key\":{}}");
		List<String> firstChoices = new ArrayList<>();
		List<String> secondChoices = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			firstChoices.add(choiceOf(first.before(call)));
			secondChoices.add(choiceOf(second.before(call)));
		}
		assertThat(firstChoices).isEqualTo(secondChoices);
		assertThat(first.summary()).isEqualTo(second.summary());
		assertThat(first.injected()).isBetween(250, 350);
		assertThat(first.injected(Fault.THROTTLING)).isPositive();
		assertThat(first.injected(Fault.PROVISIONED_THROUGHPUT_EXCEEDED)).isPositive();
		assertThat(first.calls("GetItem")).isEqualTo(1000);
	}

	private DynamoDbClient throughFaults(DynamoDbFaults faults, boolean sdkRetries) {
		proxy = DynamoDbProxy.start(moto.endpoint(), faults);
		DynamoDbClientBuilder builder = DynamoDbClient.builder()
			.endpointOverride(proxy.endpoint())
			.region(Region.of(AwsEmulator.REGION))
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
		if (!sdkRetries) {
			builder.overrideConfiguration(override -> override.retryStrategy(AwsRetryStrategy.doNotRetry()));
		}
		return builder.build();
	}

	/** The error's {@code __type}, or "forwarded". */
	private static String choiceOf(DynamoDbProxy.Answer answer) {
		return answer == null ? "forwarded" : answer.body().substring(0, answer.body().indexOf(','));
	}

	/** A put and two updates, as a consumer's transaction has. */
	private static List<TransactWriteItem> threeWrites(String prefix) {
		return List.of(
				TransactWriteItem.builder()
					.put(put -> put.tableName(table)
						.item(Map.of("pk", AttributeValue.fromS(prefix + "-a"), "sk", AttributeValue.fromS("x")))
						.conditionExpression("attribute_not_exists(pk)"))
					.build(),
				update(prefix + "-b"), update(prefix + "-c"));
	}

	private static TransactWriteItem update(String pk) {
		return TransactWriteItem.builder()
			.update(update -> update.tableName(table)
				.key(key(pk))
				.updateExpression("ADD n :one")
				.expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))))
			.build();
	}

	private static Map<String, AttributeValue> key(String pk) {
		return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS("x"));
	}

}
