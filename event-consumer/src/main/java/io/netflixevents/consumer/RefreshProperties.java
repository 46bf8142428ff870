package io.netflixevents.consumer;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How often a consumer refreshes what it derives in the background ({@code netflix.events.refresh.*}).
 * @param rollups the pause between two refreshes of the {@link MovieCounters} rollups: about how far the ranked
 * views lag the events
 * @param queueDepth the pause between two reads of the queue's depth ({@link QueueDepth})
 */
@ConfigurationProperties("netflix.events.refresh")
record RefreshProperties(@DefaultValue("2s") Duration rollups, @DefaultValue("15s") Duration queueDepth) {
}
