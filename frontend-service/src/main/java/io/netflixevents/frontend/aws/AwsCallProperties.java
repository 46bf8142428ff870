package io.netflixevents.frontend.aws;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long the frontend's AWS calls may take ({@code netflix.events.aws.*}, from {@code AWS_CALL_TIMEOUT} and
 * {@code AWS_ATTEMPT_TIMEOUT} in application.yml).
 * @param callTimeout a call, its retries included
 * @param attemptTimeout one attempt
 */
@ConfigurationProperties("netflix.events.aws")
public record AwsCallProperties(Duration callTimeout, Duration attemptTimeout) {
}
