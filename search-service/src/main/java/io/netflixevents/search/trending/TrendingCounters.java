package io.netflixevents.search.trending;

import io.netflixevents.consumer.MovieCounters;
import io.netflixevents.consumer.ServiceTable;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The decayed view counts per movie and epoch ({@code TREND#<movie>#<shard> / EPOCH#<n>}) and their rollup, ranked
 * by score, of as many movies as the trending list may ask for.
 */
@Configuration(proxyBeanMethods = false)
class TrendingCounters {

	static final int SHARDS = 8;

	@Bean
	MovieCounters trendingRollup(ServiceTable table) {
		return new MovieCounters(table, "TREND", SHARDS, TrendingController.MAX_LIMIT, MovieCounters.Ranking.BY_COUNT);
	}

}
