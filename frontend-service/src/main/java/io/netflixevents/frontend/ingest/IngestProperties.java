package io.netflixevents.frontend.ingest;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How events are taken in ({@code netflix.events.ingest.*}); application.yml maps {@code INGEST_ORDER} and
 * {@code INGEST_ARCHIVE_THREADS} onto the first two.
 * @param order whether the S3 put and the publish run at once ({@code concurrent}) or the publish waits for the put
 * ({@code archive-first})
 * @param archiveThreads threads for the S3 puts that run beside the publishes (the S3 client pools 50 connections)
 * @param maxBodySize the largest event body taken: SQS's message limit, so that a published event always fits
 */
@ConfigurationProperties("netflix.events.ingest")
record IngestProperties(EventIngestion.Order order, int archiveThreads, @DefaultValue("256KB") DataSize maxBodySize) {
}
