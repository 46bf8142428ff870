package io.netflixevents.replay;

import io.awspring.cloud.autoconfigure.core.AwsProperties;
import io.awspring.cloud.autoconfigure.s3.S3ClientCustomizer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/**
 * Replays archived events into one service's queue: to backfill a consumer added later, or to rebuild a view after a
 * bug fix, without touching the other services. Reads {@code replay.*} (see application.yml), runs once, and exits
 * with 0 when every event of the range was sent.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ReplayApplication {

	public static void main(String[] args) {
		System.exit(SpringApplication.exit(SpringApplication.run(ReplayApplication.class, args)));
	}

	/** Emulators ({@code AWS_ENDPOINT_URL}) serve buckets by path, AWS by host name. */
	@Bean
	S3ClientCustomizer pathStyleOnEmulators(AwsProperties aws) {
		boolean emulated = aws.getEndpoint() != null && !aws.getEndpoint().toString().isBlank();
		return builder -> builder.forcePathStyle(emulated);
	}

}
