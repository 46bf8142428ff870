package io.netflixevents.replay;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;

import io.netflixevents.event.EventArchiveKey;

/** The hours of the archive a replay reads, from the first to the last, both included, in UTC. */
record ArchiveRange(LocalDateTime first, LocalDateTime last) {

	private static final DateTimeFormatter HOUR = new DateTimeFormatterBuilder().appendPattern("yyyy-MM-dd'T'HH")
		.parseDefaulting(ChronoField.MINUTE_OF_HOUR, 0)
		.toFormatter();

	/** A year of hours: more is a typo. */
	private static final long MOST_HOURS = 24 * 366;

	ArchiveRange {
		if (last.isBefore(first)) {
			throw new IllegalArgumentException("the range ends (" + last + ") before it starts (" + first + ")");
		}
		if (Duration.between(first, last).toHours() >= MOST_HOURS) {
			throw new IllegalArgumentException("a range of more than a year: replay it in parts");
		}
	}

	static ArchiveRange parse(String from, String to) {
		return new ArchiveRange(hour("replay.from", from), hour("replay.to", to));
	}

	/** One key prefix per hour, in the order S3 lists keys. */
	List<String> prefixes() {
		List<String> prefixes = new ArrayList<>();
		for (LocalDateTime hour = first; !hour.isAfter(last); hour = hour.plusHours(1)) {
			prefixes.add(EventArchiveKey.hourPrefix(hour.toInstant(ZoneOffset.UTC)));
		}
		return prefixes;
	}

	private static LocalDateTime hour(String name, String value) {
		try {
			return LocalDateTime.parse(value, HOUR);
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException(name + " must be an hour as yyyy-MM-ddTHH (UTC), not '" + value + "'");
		}
	}

	@Override
	public String toString() {
		return HOUR.format(first) + ".." + HOUR.format(last);
	}

}
