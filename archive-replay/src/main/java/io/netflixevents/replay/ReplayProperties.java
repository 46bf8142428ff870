package io.netflixevents.replay;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What to replay and where ({@code replay.*}, from the {@code REPLAY_*} variables in application.yml).
 * @param bucket the archive
 * @param service the consumer whose queue receives the events ({@code netflix-events-<service>})
 * @param queue a queue, name or URL, instead of the service's own
 * @param from the first hour read, UTC, {@code yyyy-MM-ddTHH}
 * @param to the last hour read, included
 * @param rate events sent per second at most
 * @param checkpoint the file that records the last key sent
 * @param limit events sent in this run at most, 0 for all
 */
@ConfigurationProperties("replay")
record ReplayProperties(String bucket, String service, String queue, String from, String to, int rate,
		String checkpoint, long limit) {

	ReplayProperties {
		if (service.isBlank() == queue.isBlank()) {
			throw new IllegalArgumentException(
					"name either replay.service (REPLAY_SERVICE) or replay.queue (REPLAY_QUEUE)");
		}
		if (rate < 1) {
			throw new IllegalArgumentException("replay.rate must be at least 1 event a second, not " + rate);
		}
		if (limit < 0) {
			throw new IllegalArgumentException("replay.limit must not be negative");
		}
	}

	/** The queue to send to: the one named, or the service's own. */
	String target() {
		return queue.isBlank() ? "netflix-events-" + service.replaceFirst("-service$", "") : queue;
	}

	ArchiveRange range() {
		return ArchiveRange.parse(from, to);
	}

	String checkpointFile() {
		if (!checkpoint.isBlank()) {
			return checkpoint;
		}
		String queueName = target().substring(target().lastIndexOf('/') + 1);
		return "replay-" + queueName + "-" + from + "-" + to + ".checkpoint";
	}

}
