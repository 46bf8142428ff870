package io.netflixevents.infra;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository, wherever Maven runs the tests from. */
final class ProjectRoot {

	private static final Path ROOT = find();

	private ProjectRoot() {
	}

	static Path resolve(String relative) {
		return ROOT.resolve(relative);
	}

	static Path path() {
		return ROOT;
	}

	private static Path find() {
		for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
			if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("infra"))) {
				return dir;
			}
		}
		throw new IllegalStateException("not inside the netflix-events repository: " + Path.of("").toAbsolutePath());
	}

}
