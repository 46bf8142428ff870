package io.netflixevents.frontend.archive;

import io.netflixevents.event.EventArchiveKey;
import io.netflixevents.event.MovieDetailsViewedEvent;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

import org.springframework.stereotype.Component;

/**
 * Stores an event's JSON in the archive bucket at {@link EventArchiveKey}. Writing the same event again rewrites
 * the same object, so a client's retry never leaves a second copy.
 */
@Component
public class EventArchive {

	private static final int NOT_FOUND = 404;

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

	/**
	 * Stores the event unless the bucket holds it already (a HEAD, then a PUT only when it answered 404); returns
	 * whether it stored it. A HEAD of a missing key answers 404 only to a caller allowed {@code s3:ListBucket}, 403
	 * otherwise, which fails here instead of passing for "missing".
	 */
	boolean storeIfMissing(MovieDetailsViewedEvent event, String json) {
		String key = EventArchiveKey.of(event);
		try {
			s3.headObject(request -> request.bucket(bucket).key(key));
			return false;
		}
		catch (S3Exception ex) {
			if (ex.statusCode() != NOT_FOUND) {
				throw ex;
			}
		}
		store(event, json);
		return true;
	}

}
