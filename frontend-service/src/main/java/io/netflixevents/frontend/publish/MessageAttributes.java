package io.netflixevents.frontend.publish;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;

import io.netflixevents.event.EventAttributes;
import io.netflixevents.event.MovieDetailsViewedEvent;

/**
 * The message attributes of an event, built with either SDK's attribute type from (data type, value): its type and
 * schema version, for subscription filters, and the trace headers.
 */
final class MessageAttributes {

	private MessageAttributes() {
	}

	static <A> Map<String, A> of(MovieDetailsViewedEvent event, Map<String, String> traceHeaders,
			BiFunction<String, String, A> attribute) {
		Map<String, A> attributes = new HashMap<>();
		attributes.put(EventAttributes.EVENT_TYPE, attribute.apply("String", event.eventType()));
		attributes.put(EventAttributes.SCHEMA_VERSION,
				attribute.apply("Number", String.valueOf(event.schemaVersion())));
		traceHeaders.forEach((name, value) -> attributes.put(name, attribute.apply("String", value)));
		return attributes;
	}

}
