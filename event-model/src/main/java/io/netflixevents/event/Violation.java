package io.netflixevents.event;

/** One broken rule: the JSON field it concerns and what is wrong with it. */
public record Violation(String field, String message) {

	@Override
	public String toString() {
		return field + ": " + message;
	}

}
