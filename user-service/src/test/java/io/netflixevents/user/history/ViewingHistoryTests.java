package io.netflixevents.user.history;

import java.time.Instant;
import java.util.UUID;

import io.netflixevents.consumer.ServiceTable;
import io.netflixevents.event.MovieDetailsViewedEvent;
import io.netflixevents.testsupport.AwsEmulator;
import io.netflixevents.testsupport.Tables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The history's writes and reads against the emulator's DynamoDB. */
class ViewingHistoryTests {

	private static final DynamoDbClient dynamoDb = Tables.client(AwsEmulator.shared());

	private ViewingHistory history;

	@BeforeEach
	void freshTable() {
		history = new ViewingHistory(new ServiceTable(dynamoDb, Tables.createServiceTable(dynamoDb, "user-test")));
	}

	private void view(String user, long movie, int minute) {
		var event = MovieDetailsViewedEvent.of(UUID.randomUUID(),
				Instant.parse("2026-11-25T10:00:00Z").plusSeconds(60L * minute).plusMillis(minute % 7), user, movie,
				"Movie " + movie, null, null, null);
		dynamoDb.transactWriteItems(request -> request.transactItems(history.writesFor(event)));
	}

	@Test
	void listsViewsNewestFirstEvenWhenTheyArriveOutOfOrder() {
		view("alice", 1, 1);
		view("alice", 3, 3);
		view("alice", 2, 2);

		assertThat(history.of("alice")).extracting(ViewedMovie::movieId).containsExactly(3L, 2L, 1L);
		assertThat(history.of("alice").get(0).movieTitle()).isEqualTo("Movie 3");
	}

	@Test
	void keepsEachUserApart() {
		view("alice", 1, 1);
		view("bob", 2, 2);

		assertThat(history.of("alice")).extracting(ViewedMovie::movieId).containsExactly(1L);
		assertThat(history.of("nobody")).isEmpty();
	}

	@Test
	void servesTheLastHundredViews() {
		for (int minute = 0; minute < 120; minute++) {
			view("alice", minute + 1, minute);
		}

		assertThat(history.of("alice")).hasSize(ViewingHistory.KEPT_VIEWS)
			.first()
			.extracting(ViewedMovie::movieId)
			.isEqualTo(120L);
		assertThat(history.of("alice")).last().extracting(ViewedMovie::movieId).isEqualTo(21L);
	}

}
