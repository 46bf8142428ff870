package io.netflixevents.bench.capacity;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The services' item keys ({@code pk}, {@code sk}) in DynamoDB's JSON, as the capacity recorder reads them. */
final class Keys {

	static final String PK = "pk";

	static final String SK = "sk";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private Keys() {
	}

	/** A key's identity: its pk and sk values. */
	static String id(JsonNode keyOrItem) {
		return s(keyOrItem, PK) + "\u0000" + s(keyOrItem, SK);
	}

	/** An attribute's string or number, or null when it is not there. */
	static String s(JsonNode keyOrItem, String attribute) {
		JsonNode value = keyOrItem.path(attribute);
		if (value.isMissingNode()) {
			return null;
		}
		return value.has("S") ? value.path("S").asString() : value.path("N").asString(value.toString());
	}

	static JsonNode keyOf(JsonNode item) {
		ObjectNode key = JSON.createObjectNode();
		key.set(PK, item.path(PK));
		if (item.has(SK)) {
			key.set(SK, item.path(SK));
		}
		return key;
	}

}
