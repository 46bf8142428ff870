package io.netflixevents.event;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Where an event is archived in S3: {@code events/movie-details-viewed/dt=YYYY-MM-DD/hr=HH/<eventId>.json}, the
 * date and hour of {@code occurredAt} in UTC. Hive-style partitions, so Athena or Glue can read the archive as is.
 */
public final class EventArchiveKey {

	public static final String PREFIX = "events/movie-details-viewed/";

	private static final DateTimeFormatter PARTITION = DateTimeFormatter.ofPattern("'dt='yyyy-MM-dd/'hr='HH")
		.withZone(ZoneOffset.UTC);

	private EventArchiveKey() {
	}

	public static String of(MovieDetailsViewedEvent event) {
		return hourPrefix(event.occurredAt()) + event.eventId() + ".json";
	}

	/**
	 * The prefix of the events that occurred in the hour {@code instant} falls in, e.g.
	 * {@code events/movie-details-viewed/dt=2026-12-01/hr=10/}. The hours' prefixes sort as the hours do.
	 */
	public static String hourPrefix(Instant instant) {
		return PREFIX + PARTITION.format(instant) + "/";
	}

}
