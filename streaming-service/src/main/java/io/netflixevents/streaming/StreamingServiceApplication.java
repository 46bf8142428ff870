package io.netflixevents.streaming;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Plans which movies to pre-warm in the CDN, from the movies whose details were just viewed. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class StreamingServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(StreamingServiceApplication.class, args);
	}

}
