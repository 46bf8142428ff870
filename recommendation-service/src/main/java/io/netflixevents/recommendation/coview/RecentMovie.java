package io.netflixevents.recommendation.coview;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.netflixevents.consumer.Items;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** One of a user's recent movies, with its title for the recommendations drawn from it. */
record RecentMovie(long movieId, String title) {

	AttributeValue encode() {
		return title == null ? AttributeValue.fromM(Map.of("m", Items.n(movieId)))
				: AttributeValue.fromM(Map.of("m", Items.n(movieId), "t", Items.s(title)));
	}

	/**
	 * At most what it adds to an item, as DynamoDB counts sizes: a map of 3 bytes, its names, a number of up to 21
	 * bytes, the title in UTF-8, and 1 byte as a list element.
	 */
	int itemBytes() {
		return 3 + 1 + 21 + (title == null ? 0 : 1 + title.getBytes(StandardCharsets.UTF_8).length) + 1;
	}

	/** Also reads the ids alone that items written before titles were kept hold. */
	static RecentMovie decode(AttributeValue value) {
		if (value.n() != null) {
			return new RecentMovie(Long.parseLong(value.n()), null);
		}
		Map<String, AttributeValue> map = value.m();
		return new RecentMovie(Long.parseLong(map.get("m").n()), map.containsKey("t") ? map.get("t").s() : null);
	}

}
