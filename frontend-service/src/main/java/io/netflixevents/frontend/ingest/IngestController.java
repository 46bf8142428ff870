package io.netflixevents.frontend.ingest;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class IngestController {

	static final String PATH = "/api/events/movie-details-viewed";

	private final EventIngestion ingestion;

	IngestController(EventIngestion ingestion) {
		this.ingestion = ingestion;
	}

	@PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
	@ResponseStatus(HttpStatus.ACCEPTED)
	IngestReceipt movieDetailsViewed(@RequestBody MovieDetailsViewedRequest request) {
		return ingestion.ingest(request);
	}

}
