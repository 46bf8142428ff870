package io.netflixevents.replay;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import io.netflixevents.event.EventJson;
import io.netflixevents.event.InvalidEventException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * The replay: counts the range's events left, then reads them in key order, skips what is not a valid event (it
 * would only go to the consumer's dead-letter queue), sends the rest in batches of ten at the configured rate, and
 * saves the checkpoint after each batch. It stops at the end of the range, or after {@code replay.limit} events, and
 * a second run with the same checkpoint resumes where the first stopped.
 */
@Component
class Replay implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(Replay.class);

	private final ReplayProperties properties;

	private final ArchiveReader archive;

	private final QueueSender queue;

	Replay(ReplayProperties properties, ArchiveReader archive, QueueSender queue) {
		this.properties = properties;
		this.archive = archive;
		this.queue = queue;
	}

	@Override
	public void run(ApplicationArguments args) throws InterruptedException {
		ArchiveRange range = properties.range();
		Checkpoint checkpoint = new Checkpoint(Path.of(properties.checkpointFile()),
				range + " of s3://" + properties.bucket() + " to " + properties.target());
		Checkpoint.State state = checkpoint.load();
		if (state.done()) {
			log.info("Replayed {} already ({} events sent; {}): nothing to do. Delete the checkpoint to replay again.",
					range, state.sent(), checkpoint.file());
			return;
		}
		long left = archive.keys(range, state.after()).count();
		log.info("Replaying {} of s3://{} to {}: {} events{}", range, properties.bucket(), queue.queueUrl(), left,
				state.after().isEmpty() ? "" : ", resuming after " + state.sent() + " sent (" + checkpoint.file() + ")");

		Progress progress = new Progress(left, System::nanoTime);
		Pacer pacer = new Pacer(properties.rate(), System::nanoTime);
		List<ArchivedEvent> batch = new ArrayList<>(QueueSender.BATCH);
		String after = state.after();
		Iterator<String> keys = archive.keys(range, after).iterator();
		while (keys.hasNext() && !reachedLimit(progress.sent() + batch.size())) {
			String key = keys.next();
			progress.read();
			String json = archive.read(key);
			try {
				batch.add(new ArchivedEvent(EventJson.decode(json), json));
			}
			catch (InvalidEventException ex) {
				progress.invalid();
				log.warn("Skipping {}: {}", key, ex.getMessage());
			}
			after = key;
			if (batch.size() == QueueSender.BATCH || reachedLimit(progress.sent() + batch.size())) {
				send(batch, pacer, progress);
				checkpoint.save(new Checkpoint.State(after, state.sent() + progress.sent(), false));
				progress.line().ifPresent(log::info);
			}
		}
		if (!batch.isEmpty()) {
			send(batch, pacer, progress);
		}
		boolean done = !keys.hasNext();
		checkpoint.save(new Checkpoint.State(after, state.sent() + progress.sent(), done));
		log.info("Replay {}: {}", done ? "done" : "stopped at replay.limit, run it again to resume", progress.totals());
	}

	/** Sends the batch once the rate allows it, and empties it. */
	private void send(List<ArchivedEvent> batch, Pacer pacer, Progress progress) throws InterruptedException {
		pacer.await(batch.size());
		queue.send(batch);
		progress.sent(batch.size());
		batch.clear();
	}

	private boolean reachedLimit(long sent) {
		return properties.limit() > 0 && sent >= properties.limit();
	}

}
