package io.netflixevents.consumer;

import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Shorthands for DynamoDB keys and attribute values; every service table is keyed by {@code pk} and {@code sk}. */
public final class Items {

	public static final String PK = "pk";

	public static final String SK = "sk";

	private Items() {
	}

	public static Map<String, AttributeValue> key(String pk, String sk) {
		return Map.of(PK, s(pk), SK, s(sk));
	}

	public static AttributeValue s(String value) {
		return AttributeValue.fromS(value);
	}

	public static AttributeValue n(long value) {
		return AttributeValue.fromN(Long.toString(value));
	}

	/**
	 * An instant as a sort key part that orders as the instants do: zero-padded epoch milliseconds (ISO-8601 text
	 * does not, since its fraction has no fixed width).
	 */
	public static String sortable(java.time.Instant instant) {
		return String.format("%013d", instant.toEpochMilli());
	}

	/** A number attribute's value, or 0 when the attribute is absent. */
	public static long longOf(Map<String, AttributeValue> item, String attribute) {
		AttributeValue value = item.get(attribute);
		return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
	}

	/** A string attribute's value, or {@code null} when absent. */
	public static String stringOf(Map<String, AttributeValue> item, String attribute) {
		AttributeValue value = item.get(attribute);
		return value == null ? null : value.s();
	}

}
