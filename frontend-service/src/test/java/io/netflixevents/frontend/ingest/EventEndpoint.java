package io.netflixevents.frontend.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The event endpoint of a running frontend, over real HTTP. */
record EventEndpoint(int port) {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Posts the body, with extra request headers given as name, value, name, value... */
	Reply post(String body, String... headers) {
		return post(HttpRequest.BodyPublishers.ofString(body), headers);
	}

	/** Posts the body chunked, without a Content-Length. */
	Reply postChunked(String body) {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		return post(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)));
	}

	private Reply post(HttpRequest.BodyPublisher body, String... headers) {
		try {
			HttpRequest.Builder request = HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + port + IngestController.PATH))
				.header("Content-Type", "application/json")
				.POST(body);
			for (int i = 0; i < headers.length; i += 2) {
				request.header(headers[i], headers[i + 1]);
			}
			HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
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
