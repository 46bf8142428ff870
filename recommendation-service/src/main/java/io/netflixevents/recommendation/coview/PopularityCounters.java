package io.netflixevents.recommendation.coview;

import io.netflixevents.consumer.MovieCounters;
import io.netflixevents.consumer.ServiceTable;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every movie's views of all time ({@code POPULAR#<movie>#<shard> / ALL}) and their rollup, ranked by count, with
 * enough movies to fill a recommendation list after leaving out the user's recent ones.
 */
@Configuration(proxyBeanMethods = false)
class PopularityCounters {

	static final int SHARDS = 8;

	@Bean
	MovieCounters popularityRollup(ServiceTable table) {
		return new MovieCounters(table, "POPULAR", SHARDS, RecommendationController.MAX_LIMIT + CoViewGraph.RECENT_VIEWS,
				MovieCounters.Ranking.BY_COUNT);
	}

}
