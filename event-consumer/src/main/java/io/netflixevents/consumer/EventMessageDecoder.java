package io.netflixevents.consumer;

import io.netflixevents.event.EventJson;
import io.netflixevents.event.InvalidEventException;
import io.netflixevents.event.MovieDetailsViewedEvent;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns an SQS message body into an event, whichever way the subscription delivers it: the event's JSON itself
 * (raw message delivery, or a message sent straight to the queue) or the SNS notification envelope whose
 * {@code Message} field holds that JSON (the SNS console's default).
 */
final class EventMessageDecoder {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private EventMessageDecoder() {
	}

	static MovieDetailsViewedEvent decode(String body) {
		return EventJson.decode(unwrapSnsEnvelope(body));
	}

	private static String unwrapSnsEnvelope(String body) {
		JsonNode root;
		try {
			root = MAPPER.readTree(body);
		}
		catch (JacksonException ex) {
			throw new InvalidEventException("(body)", "is not valid JSON");
		}
		boolean envelope = root != null && "Notification".equals(root.path("Type").asString(null))
				&& root.path("TopicArn").isString() && root.path("Message").isString();
		return envelope ? root.path("Message").asString() : body;
	}

}
