package io.netflixevents.frontend.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The event endpoint of a running frontend, over real HTTP. */
record EventEndpoint(int port) {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	Reply post(String body) {
		return send(HttpRequest.BodyPublishers.ofString(body));
	}

	Reply send(HttpRequest.BodyPublisher body) {
		try {
			HttpResponse<String> response = HTTP.send(HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + port + IngestController.PATH))
				.header("Content-Type", "application/json")
				.POST(body)
				.build(), HttpResponse.BodyHandlers.ofString());
			return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
					JSON.readTree(response.body()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	record Reply(int status, String contentType, JsonNode body) {

		String text(String field) {
			return body.get(field).asString();
		}

	}

}
