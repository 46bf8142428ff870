package io.netflixevents.streaming.prefetch;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param window how long a view keeps a movie on the list
 * @param maxMovies the most movies the list holds
 */
@ConfigurationProperties("netflix.streaming.prefetch")
record PrefetchProperties(@DefaultValue("15m") Duration window, @DefaultValue("50") int maxMovies) {
}
