package io.netflixevents.consumer;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import io.awspring.cloud.sqs.support.converter.MessagingMessageHeaders;
import io.awspring.cloud.sqs.support.converter.SqsHeaderMapper;
import software.amazon.awssdk.services.sqs.model.Message;

import org.springframework.messaging.MessageHeaders;

/**
 * Gives each delivery of an SQS message its own Spring message id, derived from its receipt handle, so that batched
 * acknowledgements work on a standard queue.
 * <p>
 * Spring Cloud AWS 4.1.0 uses the Spring message id, which it takes from the SQS message id, as the entry id of its
 * {@code DeleteMessageBatch} requests. A standard queue may deliver one message twice before the batch is sent; both
 * deliveries then share an entry id and SQS rejects the whole batch ({@code BatchEntryIdsNotDistinct},
 * spring-cloud-aws#1634, fixed after 4.1.0). With one id per receipt handle the batch deletes both. The SQS message id
 * stays in the {@code Sqs_RawMessageId} header, which logs and traces use.
 */
class DeliveryIdHeaderMapper extends SqsHeaderMapper {

	@Override
	public MessageHeaders toHeaders(Message source) {
		return new MessagingMessageHeaders(super.toHeaders(source),
				UUID.nameUUIDFromBytes(source.receiptHandle().getBytes(StandardCharsets.UTF_8)));
	}

}
