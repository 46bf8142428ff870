package io.netflixevents.recommendation.coview;

import java.util.Map;

import io.netflixevents.consumer.Items;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** One of a user's recent movies, with its title for the recommendations drawn from it. */
record RecentMovie(long movieId, String title) {

	/** The movie of a view item ({@code USER#<id> / VIEW#<when>#<movie>}). */
	static RecentMovie ofView(Map<String, AttributeValue> view) {
		String sk = Items.stringOf(view, Items.SK);
		return new RecentMovie(Long.parseLong(sk.substring(sk.lastIndexOf('#') + 1)), Items.stringOf(view, "title"));
	}

}
