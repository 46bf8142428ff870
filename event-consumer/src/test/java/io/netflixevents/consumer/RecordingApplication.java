package io.netflixevents.consumer;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** A consumer service whose handler records what it was given (see {@link RecordingHandler}). */
@SpringBootApplication
class RecordingApplication {

	@Bean
	RecordingHandler recordingHandler(ServiceTable table) {
		return new RecordingHandler(table);
	}

}
