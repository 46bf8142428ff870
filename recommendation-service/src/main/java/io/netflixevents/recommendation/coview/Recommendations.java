package io.netflixevents.recommendation.coview;

import java.util.List;

/**
 * @param basis {@code co-viewed} when drawn from the user's views, {@code popular} when the user has none to go
 * on yet
 */
record Recommendations(String userId, String basis, List<ScoredMovie> movies) {
}
