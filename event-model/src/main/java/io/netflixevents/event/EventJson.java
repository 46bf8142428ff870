package io.netflixevents.event;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON form of {@link MovieDetailsViewedEvent}: ISO-8601 instants, absent optional fields left out, unknown
 * fields ignored so that a newer producer does not break an older consumer.
 */
public final class EventJson {

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.build();

	private EventJson() {
	}

	public static String encode(MovieDetailsViewedEvent event) {
		return MAPPER.writeValueAsString(event);
	}

	/**
	 * Decodes and validates.
	 * @throws InvalidEventException when the text is not JSON, a field has the wrong type, or a rule is broken
	 */
	public static MovieDetailsViewedEvent decode(String json) {
		MovieDetailsViewedEvent event;
		try {
			event = MAPPER.readValue(json, MovieDetailsViewedEvent.class);
		}
		catch (DatabindException ex) {
			throw new InvalidEventException(fieldOf(ex), "has the wrong type or format");
		}
		catch (JacksonException ex) {
			throw new InvalidEventException("(body)", "is not valid JSON");
		}
		if (event == null) {
			throw new InvalidEventException("(body)", "is empty");
		}
		return EventValidator.requireValid(event);
	}

	/** The dotted JSON path of the field a Jackson error is about, e.g. {@code genres[2]}. */
	public static String fieldOf(DatabindException ex) {
		StringBuilder path = new StringBuilder();
		for (var reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.isEmpty() ? "(body)" : path.toString();
	}

}
