package io.netflixevents.frontend.ingest;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.context.integration.Slf4jThreadLocalAccessor;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;

/**
 * Carries the submitting thread's context into the tasks of Boot's executors (the application task executor and
 * every pool built with Boot's executor builder): the observation, so the trace and span ids, and the {@code eventId}
 * log entry, so that a line logged on the archive pool names its event as the request thread's lines do. Boot's
 * {@code spring.task.execution.propagate-context} would register the same decorator without the log entry.
 */
@Configuration(proxyBeanMethods = false)
class EventContextPropagation {

	static final String EVENT_ID = "eventId";

	@Bean
	TaskDecorator eventContextPropagatingTaskDecorator() {
		ContextRegistry registry = new ContextRegistry().loadThreadLocalAccessors()
			.registerThreadLocalAccessor(new Slf4jThreadLocalAccessor(EVENT_ID));
		return new ContextPropagatingTaskDecorator(ContextSnapshotFactory.builder().contextRegistry(registry).build());
	}

}
