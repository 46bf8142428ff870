package io.netflixevents.frontend.publish;

import io.netflixevents.event.MovieDetailsViewedEvent;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.Topic;

/** Publishes to an SNS topic given by ARN or by name (looked up once, never created). */
class TopicPublisher implements EventPublisher {

	private final SnsClient sns;

	private final String topic;

	private final TraceHeaders traceHeaders;

	private volatile String topicArn;

	TopicPublisher(SnsClient sns, String topic, TraceHeaders traceHeaders) {
		this.sns = sns;
		this.topic = topic;
		this.traceHeaders = traceHeaders;
		this.topicArn = topic.startsWith("arn:") ? topic : null;
	}

	@Override
	public Publication publish(MovieDetailsViewedEvent event, String json) {
		String arn = topicArn();
		String messageId = sns.publish(request -> request.topicArn(arn)
			.message(json)
			.messageAttributes(MessageAttributes.of(event, traceHeaders.current(),
					(type, value) -> MessageAttributeValue.builder().dataType(type).stringValue(value).build())))
			.messageId();
		return new Publication(messageId, arn);
	}

	private String topicArn() {
		if (topicArn == null) {
			topicArn = sns.listTopicsPaginator()
				.topics()
				.stream()
				.map(Topic::topicArn)
				.filter(arn -> arn.endsWith(":" + topic))
				.findFirst()
				.orElseThrow(() -> NotFoundException.builder().message("SNS topic " + topic + " does not exist").build());
		}
		return topicArn;
	}

}
