package io.netflixevents.recommendation.coview;

import java.util.Map;

import io.netflixevents.consumer.Items;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** One of a user's recent movies, with its title for the recommendations drawn from it. */
record RecentMovie(long movieId, String title) {

	AttributeValue encode() {
		return title == null ? AttributeValue.fromM(Map.of("m", Items.n(movieId)))
				: AttributeValue.fromM(Map.of("m", Items.n(movieId), "t", Items.s(title)));
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
