package io.netflixevents.consumer;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long an event's transaction is retried in place when DynamoDB reports contention or throttling
 * ({@code netflix.events.applier.*}), before the message is given back to the queue.
 * @param retryBudget how long one delivery keeps retrying; well under the queue's visibility timeout (60 s)
 * @param firstBackoff the cap of the first jittered pause, doubled after each try
 * @param maxBackoff the largest cap of a pause
 */
@ConfigurationProperties("netflix.events.applier")
record ApplierProperties(@DefaultValue("20s") Duration retryBudget, @DefaultValue("25ms") Duration firstBackoff,
		@DefaultValue("1s") Duration maxBackoff) {
}
