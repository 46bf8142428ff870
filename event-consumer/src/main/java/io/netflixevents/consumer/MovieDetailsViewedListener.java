package io.netflixevents.consumer;

import io.awspring.cloud.sqs.annotation.SqsListener;

/**
 * Long-polls the service's queue and hands each decoded event to the service's handler. The message is deleted
 * (acknowledged {@code ON_SUCCESS}, the default) only when this method returns; an exception leaves it on the queue.
 */
class MovieDetailsViewedListener {

	private final MovieDetailsViewedHandler handler;

	MovieDetailsViewedListener(MovieDetailsViewedHandler handler) {
		this.handler = handler;
	}

	@SqsListener("${netflix.events.queue}")
	void on(String body) {
		handler.on(EventMessageDecoder.decode(body));
	}

}
