package io.netflixevents.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds files of this repository from whichever module's directory a test runs in. */
public final class ProjectFiles {

	private ProjectFiles() {
	}

	public static Path root() {
		for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
			if (Files.exists(dir.resolve("infra/local/topology.sh"))) {
				return dir;
			}
		}
		throw new IllegalStateException("not inside the netflix-events repository: " + Path.of("").toAbsolutePath());
	}

	public static Path resolve(String relative) {
		return root().resolve(relative);
	}

}
