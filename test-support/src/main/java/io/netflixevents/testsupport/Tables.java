package io.netflixevents.testsupport;

import java.net.URI;
import java.util.UUID;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** DynamoDB on the emulator: a client, and fresh tables shaped like a consumer service's (keys pk and sk). */
public final class Tables {

	private Tables() {
	}

	public static DynamoDbClient client(AwsEmulator aws) {
		return client(aws.endpoint());
	}

	public static DynamoDbClient client(URI endpoint) {
		return DynamoDbClient.builder()
			.endpointOverride(endpoint)
			.region(Region.of(AwsEmulator.REGION))
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
			.build();
	}

	/** Creates {@code <prefix>-<random>} and returns its name. */
	public static String createServiceTable(DynamoDbClient dynamoDb, String prefix) {
		String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
		dynamoDb.createTable(request -> request.tableName(name)
			.billingMode(BillingMode.PAY_PER_REQUEST)
			.attributeDefinitions(definition -> definition.attributeName("pk").attributeType(ScalarAttributeType.S),
					definition -> definition.attributeName("sk").attributeType(ScalarAttributeType.S))
			.keySchema(key -> key.attributeName("pk").keyType(KeyType.HASH),
					key -> key.attributeName("sk").keyType(KeyType.RANGE)));
		dynamoDb.waiter().waitUntilTableExists(request -> request.tableName(name));
		return name;
	}

}
