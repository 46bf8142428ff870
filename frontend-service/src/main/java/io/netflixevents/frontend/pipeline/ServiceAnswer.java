package io.netflixevents.frontend.pipeline;

/**
 * What one consumer service answered: its body when it did, else {@code up == false} and the {@code problem} a person
 * can read ("did not answer within 1.5 s").
 */
record ServiceAnswer<T>(String service, boolean up, String problem, T body) {

	static <T> ServiceAnswer<T> answered(ConsumerService service, T body) {
		return new ServiceAnswer<>(service.name(), true, null, body);
	}

	static <T> ServiceAnswer<T> down(ConsumerService service, String problem) {
		return new ServiceAnswer<>(service.name(), false, problem, null);
	}

}
