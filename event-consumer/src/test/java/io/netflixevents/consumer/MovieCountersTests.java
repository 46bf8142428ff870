package io.netflixevents.consumer;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.netflixevents.event.MovieDetailsViewedEvent;
import io.netflixevents.testsupport.AwsEmulator;
import io.netflixevents.testsupport.Tables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Sharded counters and their rollup against the emulator's DynamoDB. */
class MovieCountersTests {

	private static final DynamoDbClient dynamoDb = Tables.client(AwsEmulator.shared());

	private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

	private ServiceTable table;

	@BeforeEach
	void freshTable() {
		table = new ServiceTable(dynamoDb, Tables.createServiceTable(dynamoDb, "counters-test"));
	}

	private static MovieDetailsViewedEvent viewed(long movie, String title) {
		return MovieDetailsViewedEvent.of(UUID.randomUUID(), NOW, "u", movie, title, null, null, null);
	}

	private void commit(MovieCounters counters, MovieDetailsViewedEvent event, long amount) {
		var write = counters.add("S", event, BigDecimal.valueOf(amount), event.occurredAt(), null);
		dynamoDb.transactWriteItems(request -> request.transactItems(write));
		counters.committed(event);
	}

	@Test
	void instancesMergeTheirTotalsIntoOneRollup() {
		MovieCounters first = new MovieCounters(table, "C", 8, 10, MovieCounters.Ranking.BY_COUNT);
		MovieCounters second = new MovieCounters(table, "C", 8, 10, MovieCounters.Ranking.BY_COUNT);
		for (int i = 0; i < 5; i++) {
			commit(first, viewed(1, "One"), 1);
			commit(second, viewed(1, "One"), 1);
		}
		commit(second, viewed(2, "Two"), 3);

		first.refresh();
		second.refresh();

		MovieCounters reader = new MovieCounters(table, "C", 8, 10, MovieCounters.Ranking.BY_COUNT);
		assertThat(reader.top("S")).extracting(MovieCounters.Entry::movieId, entry -> entry.count().longValue())
			.containsExactly(tuple(1L, 10L), tuple(2L, 3L));
	}

	@Test
	void aRollupKeepsTheTopAndStaysUnder8KbWhateverTheTitles() {
		MovieCounters counters = new MovieCounters(table, "C", 8, 100, MovieCounters.Ranking.BY_COUNT);
		String longTitle = "A Very Long Title of a Movie That Goes On and On, Part ";
		for (long movie = 1; movie <= 150; movie++) {
			commit(counters, viewed(movie, longTitle + movie), movie);
		}
		counters.refresh();

		List<MovieCounters.Entry> top = counters.top("S");
		assertThat(top).isNotEmpty().hasSizeLessThanOrEqualTo(100);
		assertThat(top).extracting(MovieCounters.Entry::movieId).startsWith(150L, 149L, 148L);
		assertThat(sizeOf(table.get("TOP#C", "S"))).isLessThanOrEqualTo(8 * 1024);
	}

	/** An item's size as DynamoDB counts it, closely enough for a bound: names, strings, about a byte per 2 digits. */
	private static int sizeOf(Map<String, AttributeValue> item) {
		return item.entrySet().stream().mapToInt(entry -> entry.getKey().length() + sizeOf(entry.getValue())).sum();
	}

	private static int sizeOf(AttributeValue value) {
		if (value.s() != null) {
			return value.s().getBytes(StandardCharsets.UTF_8).length;
		}
		if (value.n() != null) {
			return value.n().length() / 2 + 2;
		}
		if (value.hasL()) {
			return 3 + value.l().stream().mapToInt(element -> 1 + sizeOf(element)).sum();
		}
		return 3 + value.m().entrySet().stream().mapToInt(entry -> 1 + entry.getKey().length() + sizeOf(entry.getValue())).sum();
	}

}
