package io.netflixevents.frontend.publish;

import java.util.Map;
import java.util.function.BiFunction;

import io.netflixevents.event.EventAttributes;
import io.netflixevents.event.MovieDetailsViewedEvent;

/** The message attributes of an event, built with either SDK's attribute type from (data type, value). */
final class MessageAttributes {

	private MessageAttributes() {
	}

	static <A> Map<String, A> of(MovieDetailsViewedEvent event, BiFunction<String, String, A> attribute) {
		return Map.of(EventAttributes.EVENT_TYPE, attribute.apply("String", event.eventType()),
				EventAttributes.SCHEMA_VERSION, attribute.apply("Number", String.valueOf(event.schemaVersion())));
	}

}
