package io.netflixevents.bench;

import java.net.URI;
import java.time.Duration;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Plain AWS SDK v2 clients against an emulator endpoint: the baselines' clients and the bench's own. They use the
 * HTTP client the services' blocking clients use (Spring Cloud AWS brings Apache HttpClient 5): with the older
 * Apache client an S3 put waits for {@code 100 Continue} before its body, one more round trip than the frontend's.
 */
public final class Aws {

	static final Region REGION = Region.US_EAST_1;

	static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider
		.create(AwsBasicCredentials.create("test", "test"));

	private Aws() {
	}

	private static SdkHttpClient http() {
		return Apache5HttpClient.builder().maxConnections(128).connectionTimeout(Duration.ofSeconds(2)).build();
	}

	public static SqsClient sqs(URI endpoint) {
		return SqsClient.builder().endpointOverride(endpoint).region(REGION).credentialsProvider(CREDENTIALS)
			.httpClient(Apache5HttpClient.builder().maxConnections(128).connectionTimeout(Duration.ofSeconds(2))
				.socketTimeout(Duration.ofSeconds(40)).build())
			.build();
	}

	public static SnsClient sns(URI endpoint) {
		return SnsClient.builder().endpointOverride(endpoint).region(REGION).credentialsProvider(CREDENTIALS)
			.httpClient(http()).build();
	}

	public static S3Client s3(URI endpoint) {
		return S3Client.builder().endpointOverride(endpoint).region(REGION).credentialsProvider(CREDENTIALS)
			.forcePathStyle(true).httpClient(http()).build();
	}

	public static DynamoDbClient dynamoDb(URI endpoint) {
		return DynamoDbClient.builder().endpointOverride(endpoint).region(REGION).credentialsProvider(CREDENTIALS)
			.httpClient(http()).build();
	}

}
