package io.netflixevents.consumer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The ids of the events this instance has applied or is applying, the most recent {@code capacity} of them, so
 * that a redelivered event is acknowledged without being applied a second time. Claimed before the handler runs
 * (two copies received at once cannot both apply) and released when it fails (the retry may apply it).
 */
class AppliedEvents {

	private final Map<UUID, Boolean> ids;

	AppliedEvents(int capacity) {
		this.ids = new LinkedHashMap<>(16, 0.75f, false) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<UUID, Boolean> eldest) {
				return size() > capacity;
			}
		};
	}

	/** {@code true} when the event is new and now belongs to the caller; {@code false} for a duplicate. */
	synchronized boolean claim(UUID eventId) {
		return ids.putIfAbsent(eventId, Boolean.TRUE) == null;
	}

	synchronized void release(UUID eventId) {
		ids.remove(eventId);
	}

}
