package io.netflixevents.event;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EventJsonTests {

	private final MovieDetailsViewedEvent event = MovieDetailsViewedEvent.of(
			UUID.fromString("0b3c2a8e-5d8f-4c1e-9a57-6f1f4f3f2a10"), Instant.parse("2026-11-25T08:15:30.123Z"),
			"user-7", 42, "The Matrix", List.of("Action", "Sci-Fi"), "session-1", "web");

	@Test
	void roundTripsThroughJson() {
		assertThat(EventJson.decode(EventJson.encode(event))).isEqualTo(event);
	}

	@Test
	void writesInstantsAsIso8601AndLeavesOutAbsentFields() {
		var minimal = MovieDetailsViewedEvent.of(event.eventId(), event.occurredAt(), "u", 1, null, null, null,
				null);

		assertThat(EventJson.encode(minimal)).isEqualTo("{\"eventId\":\"0b3c2a8e-5d8f-4c1e-9a57-6f1f4f3f2a10\","
				+ "\"eventType\":\"MovieDetailsViewed\",\"schemaVersion\":1,\"occurredAt\":\"2026-11-25T08:15:30.123Z\","
				+ "\"userId\":\"u\",\"movieId\":1}");
	}

	@Test
	void ignoresFieldsAddedByNewerProducers() {
		String json = EventJson.encode(event).replace("{", "{\"addedLater\":true,");

		assertThat(EventJson.decode(json)).isEqualTo(event);
	}

	@Test
	void rejectsTextThatIsNotJson() {
		assertThatExceptionOfType(InvalidEventException.class).isThrownBy(() -> EventJson.decode("not json"))
			.satisfies(ex -> assertThat(ex.violations()).extracting(Violation::field).containsExactly("(body)"));
	}

	@Test
	void namesTheFieldWithTheWrongType() {
		String json = EventJson.encode(event).replace("\"movieId\":42", "\"movieId\":\"forty-two\"");

		assertThatExceptionOfType(InvalidEventException.class).isThrownBy(() -> EventJson.decode(json))
			.satisfies(ex -> assertThat(ex.violations()).extracting(Violation::field).containsExactly("movieId"));
	}

	@Test
	void rejectsAnUnknownSchemaVersion() {
		String json = EventJson.encode(event).replace("\"schemaVersion\":1", "\"schemaVersion\":2");

		assertThatExceptionOfType(InvalidEventException.class).isThrownBy(() -> EventJson.decode(json))
			.withMessageContaining("schemaVersion");
	}

}
