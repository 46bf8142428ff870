package io.netflixevents.bench;

import java.util.Properties;

import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

/**
 * The consumers' default polling settings, read from their shared {@code netflix-events-consumer.yml}, so that the
 * raw SDK loops poll as the listener does.
 * @param maxMessagesPerPoll messages asked for per receive
 * @param maxConcurrentMessages messages in flight per instance
 */
record ListenerSettings(int maxMessagesPerPoll, int maxConcurrentMessages) {

	static ListenerSettings ofConsumers() {
		YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
		yaml.setResources(new ClassPathResource("netflix-events-consumer.yml"));
		Properties settings = yaml.getObject();
		return new ListenerSettings(
				Integer.parseInt(settings.getProperty("spring.cloud.aws.sqs.listener.max-messages-per-poll")),
				Integer.parseInt(settings.getProperty("spring.cloud.aws.sqs.listener.max-concurrent-messages")));
	}

}
