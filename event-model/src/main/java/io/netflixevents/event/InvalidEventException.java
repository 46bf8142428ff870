package io.netflixevents.event;

import java.util.List;
import java.util.stream.Collectors;

/** An event, or a message claiming to be one, that breaks the contract. It can never be processed. */
public class InvalidEventException extends RuntimeException {

	private final transient List<Violation> violations;

	public InvalidEventException(List<Violation> violations) {
		super(violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
		this.violations = List.copyOf(violations);
	}

	public InvalidEventException(String field, String message) {
		this(List.of(new Violation(field, message)));
	}

	public List<Violation> violations() {
		return violations;
	}

}
