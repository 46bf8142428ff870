package io.netflixevents.consumer;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a consumer retries and acknowledges ({@code netflix.events.listener.*}); how it polls is Spring Cloud AWS's
 * {@code spring.cloud.aws.sqs.listener.*} (messages per poll, long-poll wait, messages in flight).
 * @param maxReceiveCount the queue's redrive maxReceiveCount: the receive after which SQS dead-letters a message
 * @param firstRetryDelay how long a failed message stays invisible before its first retry, doubled each time
 * @param maxRetryDelay the cap of that delay (the queue's visibility timeout)
 * @param shutdownTimeout how long SIGTERM waits for in-flight messages
 * @param acknowledgementInterval how long a processed message waits at most before its delete is sent
 * @param acknowledgementThreshold how many processed messages are deleted in one batch as soon as they are there
 */
@ConfigurationProperties("netflix.events.listener")
record ListenerProperties(@DefaultValue("5") int maxReceiveCount,
		@DefaultValue("1s") Duration firstRetryDelay, @DefaultValue("60s") Duration maxRetryDelay,
		@DefaultValue("20s") Duration shutdownTimeout, @DefaultValue("1s") Duration acknowledgementInterval,
		@DefaultValue("10") int acknowledgementThreshold) {
}
