package io.netflixevents.testsupport;

import java.net.URI;
import java.util.Map;

/**
 * The environment variables that point the awscli, the project's scripts and the AWS SDK at an emulator, and keep
 * out the developer's own AWS setup (config and credentials files, pager); PATH starts with the project's
 * {@code python3} and {@code aws} ({@link PythonTools}), which the scripts call by name.
 */
final class AwsEnvironment {

	static final String REGION = "us-east-1";

	static final String ACCESS_KEY = "test";

	static final String SECRET_KEY = "test";

	private AwsEnvironment() {
	}

	static Map<String, String> of(URI endpoint) {
		return Map.of("PATH", PythonTools.path(), "AWS_ENDPOINT_URL", endpoint.toString(), "AWS_REGION", REGION,
				"AWS_DEFAULT_REGION", REGION, "AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", SECRET_KEY,
				"AWS_CONFIG_FILE", "/dev/null", "AWS_SHARED_CREDENTIALS_FILE", "/dev/null", "AWS_PAGER", "");
	}

}
