package io.netflixevents.consumer;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What a consumer service consumes and where it keeps its view ({@code netflix.events.*}); each service's
 * {@code application.yml} names its own, from {@code AWS_SQS_QUEUE_URL} and {@code AWS_DYNAMODB_TABLE}.
 * @param queue the queue's name or URL (the listener reads the same property)
 * @param table the service's DynamoDB table (checked where the table is used: the benchmark's no-op listener has
 * none)
 */
@ConfigurationProperties("netflix.events")
record ConsumerProperties(String queue, String table) {

	ConsumerProperties {
		if (queue == null || queue.isBlank()) {
			throw new IllegalArgumentException("netflix.events.queue must be set");
		}
	}

	String requiredTable() {
		if (table == null || table.isBlank()) {
			throw new IllegalArgumentException("netflix.events.table must be set");
		}
		return table;
	}

	/** The queue's name whether it is configured by name or by URL, for tags. */
	String queueName() {
		return queue.substring(queue.lastIndexOf('/') + 1);
	}

}
