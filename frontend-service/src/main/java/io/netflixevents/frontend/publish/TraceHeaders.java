package io.netflixevents.frontend.publish;

import java.util.HashMap;
import java.util.Map;

import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The current trace context as W3C headers ({@code traceparent}, ...), which travel as message attributes so that
 * each consumer's processing joins the trace of the HTTP request that produced the event.
 */
@Component
class TraceHeaders {

	private final ObjectProvider<Tracer> tracer;

	private final ObjectProvider<Propagator> propagator;

	TraceHeaders(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
		this.tracer = tracer;
		this.propagator = propagator;
	}

	Map<String, String> current() {
		Map<String, String> headers = new HashMap<>();
		Tracer currentTracer = tracer.getIfAvailable();
		Propagator currentPropagator = propagator.getIfAvailable();
		TraceContext context = currentTracer == null ? null : currentTracer.currentTraceContext().context();
		if (context != null && currentPropagator != null) {
			currentPropagator.inject(context, headers, Map::put);
		}
		return headers;
	}

}
