package io.netflixevents.frontend.publish;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where events are published ({@code netflix.events.topic} and {@code queue-url}, from {@code AWS_SNS_TOPIC} and
 * {@code AWS_SQS_QUEUE_URL} in application.yml); either may be empty.
 */
@ConfigurationProperties("netflix.events")
record PublishProperties(String topic, String queueUrl) {

	PublishProperties {
		topic = topic == null ? "" : topic;
		queueUrl = queueUrl == null ? "" : queueUrl;
	}

}
