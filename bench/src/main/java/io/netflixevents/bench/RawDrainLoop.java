package io.netflixevents.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Case 1's ceiling: loops that receive up to ten messages, do nothing with them and delete them in one batch. The
 * bench runs them in its own JVM, and through {@link #main} in a JVM of their own with the services' flags.
 */
final class RawDrainLoop {

	private RawDrainLoop() {
	}

	/** {@code loops} daemon threads draining the queue until {@code stop} is set. */
	static void start(SqsClient sqs, String queueUrl, int loops, int maxMessages, AtomicBoolean stop) {
		for (int i = 0; i < loops; i++) {
			Thread loop = new Thread(() -> run(sqs, queueUrl, maxMessages, stop), "raw-drain-" + i);
			loop.setDaemon(true);
			loop.start();
		}
	}

	/** Arguments: the SQS endpoint, the queue's URL, the number of loops, messages per receive; runs until killed. */
	public static void main(String[] args) throws InterruptedException {
		start(Aws.sqs(URI.create(args[0])), args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]),
				new AtomicBoolean());
		System.out.println("Draining " + args[1] + " with " + args[2] + " loops");
		Thread.currentThread().join();
	}

	private static void run(SqsClient sqs, String queueUrl, int maxMessages, AtomicBoolean stop) {
		while (!stop.get()) {
			try {
				List<Message> messages = sqs
					.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(maxMessages).waitTimeSeconds(20))
					.messages();
				if (!messages.isEmpty()) {
					List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
					for (int i = 0; i < messages.size(); i++) {
						entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
							.receiptHandle(messages.get(i).receiptHandle()).build());
					}
					sqs.deleteMessageBatch(d -> d.queueUrl(queueUrl).entries(entries));
				}
			}
			catch (RuntimeException ex) {
				if (!stop.get()) {
					System.err.println("raw loop: " + ex);
				}
			}
		}
	}

}
