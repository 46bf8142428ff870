package io.netflixevents.consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Refreshes the service's {@link MovieCounters} rollups, every {@link RefreshProperties#rollups()} (a
 * {@link FixedDelayTask}) and once more when the application closes, after the listener has stopped, so that what
 * it committed reaches them.
 */
class RollupRefresher implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(RollupRefresher.class);

	private final ObjectProvider<MovieCounters> counters;

	RollupRefresher(ObjectProvider<MovieCounters> counters) {
		this.counters = counters;
	}

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
