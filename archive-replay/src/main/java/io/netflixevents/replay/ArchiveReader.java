package io.netflixevents.replay;

import java.util.stream.Stream;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import org.springframework.stereotype.Component;

/**
 * The archived events of a range, in key order: hour after hour, each hour's keys as S3 lists them. Since the hours'
 * prefixes sort as the hours do, that is the order of the keys themselves, and "after key K" is one S3
 * {@code StartAfter}.
 */
@Component
class ArchiveReader {

	private final S3Client s3;

	private final String bucket;

	ArchiveReader(S3Client s3, ReplayProperties properties) {
		this.s3 = s3;
		this.bucket = properties.bucket();
	}

	/** The keys of the range that sort after {@code after} (all of them when it is empty). */
	Stream<String> keys(ArchiveRange range, String after) {
		return range.prefixes().stream().flatMap(prefix -> list(prefix, after));
	}

	String read(String key) {
		return s3.getObjectAsBytes(request -> request.bucket(bucket).key(key)).asUtf8String();
	}

	private Stream<String> list(String prefix, String after) {
		return s3
			.listObjectsV2Paginator(request -> request.bucket(bucket)
				.prefix(prefix)
				.startAfter(after.compareTo(prefix) > 0 ? after : null))
			.contents()
			.stream()
			.map(S3Object::key);
	}

}
