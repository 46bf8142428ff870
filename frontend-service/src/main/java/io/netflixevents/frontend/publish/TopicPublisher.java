package io.netflixevents.frontend.publish;

import io.awspring.cloud.sns.core.CachingTopicArnResolver;
import io.awspring.cloud.sns.core.TopicArnResolver;
import io.awspring.cloud.sns.core.TopicsListingTopicArnResolver;
import io.netflixevents.event.MovieDetailsViewedEvent;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * Publishes to an SNS topic given by ARN or by name: a name is looked up once among the account's topics (Spring
 * Cloud AWS's listing resolver, not its default one, which would create a topic that does not exist).
 */
class TopicPublisher implements EventPublisher {

	private final SnsClient sns;

	private final String topic;

	private final TraceHeaders traceHeaders;

	private final TopicArnResolver topicArns;

	TopicPublisher(SnsClient sns, String topic, TraceHeaders traceHeaders) {
		this.sns = sns;
		this.topic = topic;
		this.traceHeaders = traceHeaders;
		this.topicArns = new CachingTopicArnResolver(new TopicsListingTopicArnResolver(sns));
	}

	@Override
	public Publication publish(MovieDetailsViewedEvent event, String json) {
		String arn = topicArns.resolveTopicArn(topic).toString();
		String messageId = sns.publish(request -> request.topicArn(arn)
			.message(json)
			.messageAttributes(MessageAttributes.of(event, traceHeaders.current(),
					(type, value) -> MessageAttributeValue.builder().dataType(type).stringValue(value).build())))
			.messageId();
		return new Publication(messageId, arn);
	}

}
