package io.netflixevents.frontend.archive;

import io.netflixevents.event.EventArchiveKey;
import io.netflixevents.event.MovieDetailsViewedEvent;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import org.springframework.stereotype.Component;

/**
 * Stores an event's JSON in the archive bucket at {@link EventArchiveKey}. Writing the same event again rewrites
 * the same object, so a client's retry never leaves a second copy.
 */
@Component
public class EventArchive {

	private final S3Client s3;

	private final String bucket;

	EventArchive(S3Client s3, ArchiveProperties properties) {
		this.s3 = s3;
		this.bucket = properties.bucket();
	}

	/** Returns the object's key. */
	public String store(MovieDetailsViewedEvent event, String json) {
		String key = EventArchiveKey.of(event);
		s3.putObject(request -> request.bucket(bucket).key(key).contentType("application/json"),
				RequestBody.fromString(json));
		return key;
	}

}
