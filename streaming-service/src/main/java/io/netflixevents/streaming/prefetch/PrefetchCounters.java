package io.netflixevents.streaming.prefetch;

import io.netflixevents.consumer.MovieCounters;
import io.netflixevents.consumer.ServiceTable;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The views per movie and slice of the window ({@code SEEN#<movie>#<shard> / SLICE#<n>}) and each slice's rollup,
 * ranked by last view, of as many movies as the prefetch list holds.
 */
@Configuration(proxyBeanMethods = false)
class PrefetchCounters {

	static final int SHARDS = 8;

	@Bean
	MovieCounters prefetchRollup(ServiceTable table, PrefetchProperties properties) {
		return new MovieCounters(table, "SEEN", SHARDS, properties.maxMovies(), MovieCounters.Ranking.BY_LAST_VIEW);
	}

}
