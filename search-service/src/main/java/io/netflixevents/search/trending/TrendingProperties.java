package io.netflixevents.search.trending;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param halfLife after how long a view counts half as much */
@ConfigurationProperties("netflix.search.trending")
record TrendingProperties(@DefaultValue("1h") Duration halfLife) {
}
