package io.netflixevents.consumer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * The service's DynamoDB table ({@code netflix-events-<service>}, or {@code AWS_DYNAMODB_TABLE}): its view of the
 * events and the ids of the events it applied, shared by all its instances.
 */
public class ServiceTable {

	/** DynamoDB's largest BatchGetItem. */
	private static final int MAX_BATCH_GET = 100;

	private final DynamoDbClient dynamoDb;

	private final String name;

	public ServiceTable(DynamoDbClient dynamoDb, String name) {
		this.dynamoDb = dynamoDb;
		this.name = name;
	}

	public String name() {
		return name;
	}

	public DynamoDbClient client() {
		return dynamoDb;
	}

	/** The item, or an empty map; strongly consistent, so a read-modify-write sees the last committed write. */
	public Map<String, AttributeValue> get(String pk, String sk) {
		return dynamoDb.getItem(request -> request.tableName(name).key(Items.key(pk, sk)).consistentRead(true))
			.item();
	}

	/** The item, or an empty map, as DynamoDB has it at most a second ago: half the cost of {@link #get}. */
	public Map<String, AttributeValue> getEventually(String pk, String sk) {
		return dynamoDb.getItem(request -> request.tableName(name).key(Items.key(pk, sk))).item();
	}

	/**
	 * The items of these keys that exist, in no particular order. Keys DynamoDB left unprocessed (a throttled
	 * partition) are asked again after a jittered pause that doubles, as AWS advises.
	 */
	public List<Map<String, AttributeValue>> getAll(List<Map<String, AttributeValue>> keys) {
		List<Map<String, AttributeValue>> items = new ArrayList<>();
		for (int from = 0; from < keys.size(); from += MAX_BATCH_GET) {
			Map<String, KeysAndAttributes> unprocessed = Map.of(name,
					KeysAndAttributes.builder().keys(keys.subList(from, Math.min(from + MAX_BATCH_GET, keys.size())))
						.build());
			for (int attempt = 0; !unprocessed.isEmpty(); attempt++) {
				pauseBeforeRetry(attempt);
				Map<String, KeysAndAttributes> request = unprocessed;
				var response = dynamoDb.batchGetItem(batch -> batch.requestItems(request));
				items.addAll(response.responses().getOrDefault(name, List.of()));
				unprocessed = response.unprocessedKeys();
			}
		}
		return items;
	}

	private static void pauseBeforeRetry(int attempt) {
		if (attempt == 0) {
			return;
		}
		long cap = Math.min(1_000, 20L << Math.min(attempt, 6));
		try {
			Thread.sleep(ThreadLocalRandom.current().nextLong(cap + 1));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while asking again for unprocessed keys", ex);
		}
	}

}
