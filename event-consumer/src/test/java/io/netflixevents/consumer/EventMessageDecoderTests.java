package io.netflixevents.consumer;

import java.time.Instant;
import java.util.UUID;

import io.netflixevents.event.EventJson;
import io.netflixevents.event.InvalidEventException;
import io.netflixevents.event.MovieDetailsViewedEvent;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EventMessageDecoderTests {

	private final MovieDetailsViewedEvent event = MovieDetailsViewedEvent.of(UUID.randomUUID(),
			Instant.parse("2026-11-25T10:00:00Z"), "alice", 7, "Heat", null, null, null);

	@Test
	void decodesARawBody() {
		assertThat(EventMessageDecoder.decode(EventJson.encode(event))).isEqualTo(event);
	}

	@Test
	void unwrapsTheSnsNotificationEnvelope() {
		String envelope = JsonMapper.builder().build().writeValueAsString(java.util.Map.of("Type", "Notification",
				"MessageId", "m-1", "TopicArn", "arn:aws:sns:us-east-1:123456789012:netflix-events-topic", "Message",
				EventJson.encode(event), "Timestamp", "2026-11-25T10:00:01.000Z"));

		assertThat(EventMessageDecoder.decode(envelope)).isEqualTo(event);
	}

	@Test
	void rejectsAnEnvelopeAroundSomethingThatIsNotAnEvent() {
		String envelope = "{\"Type\":\"Notification\",\"TopicArn\":\"arn:t\",\"Message\":\"hello\"}";

		assertThatExceptionOfType(InvalidEventException.class).isThrownBy(() -> EventMessageDecoder.decode(envelope));
	}

	@Test
	void rejectsABodyThatIsNotJson() {
		assertThatExceptionOfType(InvalidEventException.class).isThrownBy(() -> EventMessageDecoder.decode("<xml/>"));
	}

}
