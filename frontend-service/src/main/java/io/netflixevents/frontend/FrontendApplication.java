package io.netflixevents.frontend;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/**
 * The Netflix frontend: turns "a user opened a movie's details" into a {@code MovieDetailsViewedEvent}, archives it
 * in S3 and publishes it once to the SNS topic every consumer service's queue subscribes to.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class FrontendApplication {

	public static void main(String[] args) {
		SpringApplication.run(FrontendApplication.class, args);
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
