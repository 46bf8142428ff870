package io.netflixevents.frontend.pipeline;

import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * GETs from the consumer services' HTTP APIs, several at once, each within the configured timeout. A call never
 * throws: a service that refuses, times out or answers an error comes back as {@link ServiceAnswer#down}. Boot's
 * {@link RestClient.Builder} makes every call observed and traced, and Boot's task executor runs them with the
 * request's trace.
 */
@Component
class ConsumerApis {

	private static final Logger log = LoggerFactory.getLogger(ConsumerApis.class);

	private final RestClient http;

	private final Duration timeout;

	private final Executor calls;

	ConsumerApis(ConsumerServicesProperties properties, RestClient.Builder http,
			@Qualifier("applicationTaskExecutor") Executor calls) {
		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(properties.connectTimeout())
			.build();
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
		requests.setReadTimeout(properties.timeout());
		this.http = http.requestFactory(requests).build();
		this.timeout = properties.timeout();
		this.calls = calls;
	}

	/** {@code GET baseUrl + path} (a URI template, expanded and encoded with {@code variables}), off this thread. */
	<T> CompletableFuture<ServiceAnswer<T>> get(ConsumerService service, Class<T> type, String path,
			Object... variables) {
		return CompletableFuture.supplyAsync(() -> call(service, type, path, variables), calls);
	}

	private <T> ServiceAnswer<T> call(ConsumerService service, Class<T> type, String path, Object... variables) {
		try {
			T body = http.get()
				.uri(service.url(path), variables)
				.accept(MediaType.APPLICATION_JSON)
				.retrieve()
				.body(type);
			return ServiceAnswer.answered(service, body);
		}
		catch (RestClientException ex) {
			String problem = problem(ex);
			log.debug("{} at {} is down: {}", service.name(), service.baseUrl(), problem, ex);
			return ServiceAnswer.down(service, problem);
		}
	}

	private String problem(RestClientException ex) {
		if (ex instanceof RestClientResponseException response) {
			return "answered HTTP " + response.getStatusCode().value();
		}
		if (ex instanceof ResourceAccessException) {
			for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
				if (cause instanceof HttpTimeoutException) {
					return "did not answer within " + timeout.toMillis() + " ms";
				}
				if (cause instanceof ConnectException) {
					return "is not answering (connection refused)";
				}
			}
			return "is not answering (" + ex.getMostSpecificCause().getClass().getSimpleName() + ")";
		}
		return "answered something unreadable";
	}

}
