package io.netflixevents.frontend.publish;

import io.netflixevents.frontend.aws.AwsCallProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses where events go: the topic in {@code AWS_SNS_TOPIC} when it is set; else the queue in
 * {@code AWS_SQS_QUEUE_URL} when that is set (single-queue mode); else the topic {@value #DEFAULT_TOPIC}.
 */
@Configuration(proxyBeanMethods = false)
class PublishTargetConfiguration {

	static final String DEFAULT_TOPIC = "netflix-events-topic";

	private static final Logger log = LoggerFactory.getLogger(PublishTargetConfiguration.class);

	@Bean
	EventPublisher eventPublisher(PublishProperties properties, ObjectProvider<SnsClient> sns,
			ObjectProvider<SqsAsyncClient> sqs, TraceHeaders traceHeaders, AwsCallProperties calls) {
		String topic = properties.topic();
		String queue = properties.queueUrl();
		if (topic.isBlank() && !queue.isBlank()) {
			log.info("Publishing events straight to the SQS queue {} (single-queue mode)", queue);
			return new QueuePublisher(sqs.getObject(), queue, traceHeaders, calls);
		}
		String target = topic.isBlank() ? DEFAULT_TOPIC : topic;
		log.info("Publishing events to the SNS topic {}", target);
		return new TopicPublisher(sns.getObject(), target, traceHeaders);
	}

}
