package io.netflixevents.frontend.ingest;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import io.netflixevents.event.EventJson;
import io.netflixevents.event.EventValidator;
import io.netflixevents.event.MovieDetailsViewedEvent;
import io.netflixevents.frontend.archive.EventArchive;
import io.netflixevents.frontend.publish.EventPublisher;
import io.netflixevents.frontend.publish.Publication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.awssdk.core.exception.SdkException;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Service;

/**
 * Validate, then archive in S3 and publish. By default the two calls run at the same time (the S3 put on a thread of
 * the archive pool, the publish on the request's thread), so a request costs the slower of them, not their sum; with
 * {@code netflix.events.ingest.order=archive-first} the event is published only once stored, so the archive holds
 * it before any consumer sees it (in the concurrent mode, a published event whose put failed is stored later by the
 * archive's own subscription, {@code ArchiveCompletion}). Either way the answer waits for both calls to end, and is a
 * receipt only when both succeeded. The archive pool comes from Boot's executor builder, so its threads carry the
 * request's trace and event id into their log lines ({@link EventContextPropagation}).
 */
@Service
class EventIngestion implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(EventIngestion.class);

	private static final String ARCHIVING = "storing the event in S3";

	private static final String PUBLISHING = "publishing the event";

	/** In what order the S3 put and the publish run. */
	enum Order {

		CONCURRENT, ARCHIVE_FIRST

	}

	private final EventArchive archive;

	private final EventPublisher publisher;

	private final IngestMetrics metrics;

	private final Clock clock;

	private final Order order;

	private final ThreadPoolTaskExecutor archiving;

	EventIngestion(EventArchive archive, EventPublisher publisher, IngestMetrics metrics, Clock clock,
			IngestProperties properties, ThreadPoolTaskExecutorBuilder executors) {
		this.archive = archive;
		this.publisher = publisher;
		this.metrics = metrics;
		this.clock = clock;
		this.order = properties.order();
		this.archiving = executors.corePoolSize(properties.archiveThreads())
			.maxPoolSize(properties.archiveThreads())
			.threadNamePrefix("archive-")
			.awaitTermination(true)
			.awaitTerminationPeriod(Duration.ofSeconds(10))
			.build();
		this.archiving.initialize();
	}

	IngestReceipt ingest(MovieDetailsViewedRequest request) {
		MovieDetailsViewedEvent event = EventValidator.requireValid(request.toEvent(clock.instant()));
		try (var eventId = MDC.putCloseable(EventContextPropagation.EVENT_ID, event.eventId().toString())) {
			String json = EventJson.encode(event);
			Supplier<String> store = () -> metrics.timeArchive(() -> archive.store(event, json));
			Supplier<Publication> publish = () -> metrics.timePublish(() -> publisher.publish(event, json));
			String key;
			Publication publication;
			if (order == Order.ARCHIVE_FIRST) {
				key = attempt(event, ARCHIVING, store);
				publication = attempt(event, PUBLISHING, publish);
			}
			else {
				CompletableFuture<String> stored = CompletableFuture.supplyAsync(store, archiving);
				try {
					publication = attempt(event, PUBLISHING, publish);
				}
				finally {
					stored.exceptionally(failure -> null).join(); // answer only once the S3 put ended too
				}
				key = attempt(event, ARCHIVING, stored::join);
			}
			metrics.accepted();
			log.info("Accepted event {} (user {}, movie {}): s3://{}, message {}", event.eventId(), event.userId(),
					event.movieId(), key, publication.messageId());
			return new IngestReceipt(event.eventId(), key, publication.messageId(), publication.publishedTo());
		}
	}

	private static <T> T attempt(MovieDetailsViewedEvent event, String step, Supplier<T> call) {
		try {
			return call.get();
		}
		catch (SdkException ex) {
			throw new AwsUnavailableException(event.eventId(), step, ex);
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof SdkException cause) {
				throw new AwsUnavailableException(event.eventId(), step, cause);
			}
			throw ex;
		}
	}

	/** Runs after the web server finished its in-flight requests: nothing is waiting on the pool any more. */
	@Override
	public void destroy() {
		archiving.shutdown();
	}

}
