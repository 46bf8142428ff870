package io.netflixevents.frontend.archive;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The S3 bucket events are archived in ({@code netflix.events.bucket}, from {@code AWS_S3_BUCKET} in application.yml). */
@ConfigurationProperties("netflix.events")
record ArchiveProperties(String bucket) {
}
