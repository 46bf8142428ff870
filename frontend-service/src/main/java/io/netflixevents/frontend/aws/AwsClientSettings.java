package io.netflixevents.frontend.aws;

import io.awspring.cloud.autoconfigure.core.AwsProperties;
import io.awspring.cloud.autoconfigure.s3.S3ClientCustomizer;
import io.awspring.cloud.autoconfigure.sns.SnsClientCustomizer;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every AWS call a request makes ends within {@code netflix.events.aws.call-timeout} (retries included) and each
 * attempt within {@code attempt-timeout}: a request never hangs on S3, SNS or SQS, it answers {@code 503}. The SQS
 * client is also the archive completion's, whose long polls outlast an attempt timeout, so the one SQS call of a
 * request (the send in single-queue mode) carries the timeouts itself. Against an emulator
 * ({@code AWS_ENDPOINT_URL}), S3 buckets are addressed by path.
 */
@Configuration(proxyBeanMethods = false)
class AwsClientSettings {

	private final ClientOverrideConfiguration timeouts;

	private final boolean emulated;

	AwsClientSettings(AwsCallProperties calls, AwsProperties aws) {
		this.emulated = aws.getEndpoint() != null && !aws.getEndpoint().toString().isBlank();
		this.timeouts = ClientOverrideConfiguration.builder()
			.apiCallTimeout(calls.callTimeout())
			.apiCallAttemptTimeout(calls.attemptTimeout())
			.build();
	}

	@Bean
	S3ClientCustomizer s3Settings() {
		// emulators serve buckets by path (http://host:port/bucket), AWS by host name
		return builder -> builder.overrideConfiguration(timeouts).forcePathStyle(emulated);
	}

	@Bean
	SnsClientCustomizer snsCallTimeouts() {
		return builder -> builder.overrideConfiguration(timeouts);
	}

}
