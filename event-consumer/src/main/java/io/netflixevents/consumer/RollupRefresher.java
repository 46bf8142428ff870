package io.netflixevents.consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Refreshes the service's {@link MovieCounters} rollups every {@code netflix.events.rollup-interval}, and once more
 * when the service stops, so that what it committed reaches them.
 */
class RollupRefresher implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(RollupRefresher.class);

	private final ObjectProvider<MovieCounters> counters;

	RollupRefresher(ObjectProvider<MovieCounters> counters) {
		this.counters = counters;
	}

	@Scheduled(fixedDelayString = "${netflix.events.rollup-interval:2s}")
	void refresh() {
		counters.orderedStream().forEach(rollup -> {
			try {
				rollup.refresh();
			}
			catch (RuntimeException ex) {
				log.warn("Rollup refresh failed; retried at the next one: {}", ex.toString());
			}
		});
	}

	@Override
	public void destroy() {
		refresh();
	}

}
