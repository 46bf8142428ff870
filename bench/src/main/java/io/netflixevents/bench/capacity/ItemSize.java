package io.netflixevents.bench.capacity;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * An item's size as DynamoDB bills it ("DynamoDB item sizes and formats", developer guide), from the item in
 * DynamoDB's JSON wire format ({@code {"pk": {"S": "..."}, ...}}): the sum over attributes of the name's UTF-8 bytes
 * and the value's size. A string is its UTF-8 bytes; a number 1 byte per two significant digits plus 1; a binary its
 * raw bytes; a boolean or null 1 byte; a list or map 3 bytes plus, for each element, its size plus 1 byte (a map's
 * element also its name); a set the sum of its elements.
 */
final class ItemSize {

	private ItemSize() {
	}

	/** The size in bytes of an item (a JSON object of attribute name to typed value); 0 for null or missing. */
	static long of(JsonNode item) {
		if (item == null || item.isMissingNode() || item.isNull()) {
			return 0;
		}
		long size = 0;
		for (Map.Entry<String, JsonNode> attribute : item.properties()) {
			size += utf8(attribute.getKey()) + valueSize(attribute.getValue());
		}
		return size;
	}

	/** The size of one typed value ({@code {"S": "..."}}, {@code {"L": [...]}}, ...), without its name. */
	static long valueSize(JsonNode value) {
		Map.Entry<String, JsonNode> typed = value.properties().iterator().next();
		JsonNode content = typed.getValue();
		return switch (typed.getKey()) {
			case "S" -> utf8(content.asString());
			case "N" -> numberSize(content.asString());
			case "B" -> Base64.getDecoder().decode(content.asString()).length;
			case "BOOL", "NULL" -> 1;
			case "SS" -> sum(content, element -> utf8(element.asString()));
			case "NS" -> sum(content, element -> numberSize(element.asString()));
			case "BS" -> sum(content, element -> Base64.getDecoder().decode(element.asString()).length);
			case "L" -> 3 + sum(content, element -> valueSize(element) + 1);
			case "M" -> 3 + of(content) + content.size();
			default -> throw new IllegalArgumentException("not a DynamoDB attribute value: " + value);
		};
	}

	/** 1 byte per two significant digits (leading and trailing zeros trimmed), plus 1. */
	static long numberSize(String number) {
		String digits = new BigDecimal(number).abs().stripTrailingZeros().unscaledValue().toString();
		int significant = digits.equals("0") ? 1 : digits.length();
		return (significant + 1) / 2 + 1;
	}

	static long utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8).length;
	}

	private static long sum(JsonNode array, java.util.function.ToLongFunction<JsonNode> size) {
		long total = 0;
		for (JsonNode element : array) {
			total += size.applyAsLong(element);
		}
		return total;
	}

}
