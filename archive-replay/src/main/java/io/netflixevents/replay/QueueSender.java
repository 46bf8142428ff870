package io.netflixevents.replay;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.netflixevents.event.EventAttributes;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import org.springframework.stereotype.Component;

/**
 * Sends events to the replay's queue, up to ten a request, with the attributes the frontend publishes them with
 * ({@link EventAttributes}), so that the consumer reads them as it reads the topic's deliveries. Entries SQS refuses
 * are sent again, three times at most.
 */
@Component
class QueueSender {

	/** The most entries a SendMessageBatch takes. */
	static final int BATCH = 10;

	private static final int ATTEMPTS = 3;

	private final SqsAsyncClient sqs;

	private final String target;

	private volatile String queueUrl;

	QueueSender(SqsAsyncClient sqs, ReplayProperties properties) {
		this.sqs = sqs;
		this.target = properties.target();
	}

	/** The queue's URL: the target itself, or looked up by name (never created). */
	String queueUrl() {
		if (queueUrl == null) {
			queueUrl = target.startsWith("https://") || target.startsWith("http://") ? target
					: sqs.getQueueUrl(request -> request.queueName(target)).join().queueUrl();
		}
		return queueUrl;
	}

	void send(List<ArchivedEvent> events) {
		List<SendMessageBatchRequestEntry> pending = IntStream.range(0, events.size())
			.mapToObj(i -> entry(Integer.toString(i), events.get(i)))
			.toList();
		for (int attempt = 1; !pending.isEmpty(); attempt++) {
			List<SendMessageBatchRequestEntry> sending = pending;
			List<BatchResultErrorEntry> failed = sqs
				.sendMessageBatch(request -> request.queueUrl(queueUrl()).entries(sending))
				.join()
				.failed();
			if (!failed.isEmpty() && attempt == ATTEMPTS) {
				BatchResultErrorEntry first = failed.get(0);
				throw new IllegalStateException("SQS refused " + failed.size() + " event(s) " + ATTEMPTS + " times: "
						+ first.code() + " " + first.message());
			}
			Set<String> refused = failed.stream().map(BatchResultErrorEntry::id).collect(Collectors.toSet());
			pending = sending.stream().filter(entry -> refused.contains(entry.id())).toList();
		}
	}

	private static SendMessageBatchRequestEntry entry(String id, ArchivedEvent archived) {
		return SendMessageBatchRequestEntry.builder()
			.id(id)
			.messageBody(archived.json())
			.messageAttributes(Map.of(EventAttributes.EVENT_TYPE, attribute("String", archived.event().eventType()),
					EventAttributes.SCHEMA_VERSION,
					attribute("Number", String.valueOf(archived.event().schemaVersion()))))
			.build();
	}

	private static MessageAttributeValue attribute(String type, String value) {
		return MessageAttributeValue.builder().dataType(type).stringValue(value).build();
	}

}
