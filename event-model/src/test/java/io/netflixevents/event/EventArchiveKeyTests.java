package io.netflixevents.event;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventArchiveKeyTests {

	@Test
	void partitionsByUtcDateAndHour() {
		UUID id = UUID.fromString("0b3c2a8e-5d8f-4c1e-9a57-6f1f4f3f2a10");
		var event = MovieDetailsViewedEvent.of(id, Instant.parse("2026-01-02T23:59:59Z"), "u", 1, null, null, null,
				null);

		assertThat(EventArchiveKey.of(event))
			.isEqualTo("events/movie-details-viewed/dt=2026-01-02/hr=23/0b3c2a8e-5d8f-4c1e-9a57-6f1f4f3f2a10.json");
	}

}
