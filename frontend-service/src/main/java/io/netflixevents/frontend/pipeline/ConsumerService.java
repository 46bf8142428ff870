package io.netflixevents.frontend.pipeline;

import java.net.URI;

/** One consumer service: its name as the page shows it, and where its HTTP API answers. */
record ConsumerService(String name, URI baseUrl) {

	/** {@code path} (which starts with a slash) under the base URL, whether or not that ends with one. */
	String url(String path) {
		String base = baseUrl.toString();
		return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
	}

}
