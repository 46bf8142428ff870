package io.netflixevents.replay;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * A replay's place in its range, kept in a file: which replay it is (queue and range), the last key done, how many
 * events were sent, and whether it finished. Saved after every batch by a rename, so a replay stopped at any moment
 * resumes after its last whole batch: the batch in flight is sent again, and the consumer's exactly-once markers make
 * the second copy change nothing.
 */
final class Checkpoint {

	/** Where a replay stands: nothing done yet is {@code ("", 0, false)}. */
	record State(String after, long sent, boolean done) {

		static final State START = new State("", 0, false);

	}

	private final Path file;

	private final String replay;

	/** @param replay what the replay is: a checkpoint of another replay is refused, not resumed */
	Checkpoint(Path file, String replay) {
		this.file = file;
		this.replay = replay;
	}

	Path file() {
		return file;
	}

	State load() {
		if (!Files.exists(file)) {
			return State.START;
		}
		Properties saved = new Properties();
		try (Reader reader = Files.newBufferedReader(file)) {
			saved.load(reader);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		if (!replay.equals(saved.getProperty("replay"))) {
			throw new IllegalStateException(file + " is the checkpoint of another replay (" + saved.getProperty("replay")
					+ "), not of " + replay + ": name another with replay.checkpoint, or delete it");
		}
		return new State(saved.getProperty("after", ""), Long.parseLong(saved.getProperty("sent", "0")),
				Boolean.parseBoolean(saved.getProperty("done")));
	}

	void save(State state) {
		Properties saved = new Properties();
		saved.setProperty("replay", replay);
		saved.setProperty("after", state.after());
		saved.setProperty("sent", Long.toString(state.sent()));
		saved.setProperty("done", Boolean.toString(state.done()));
		Path next = file.resolveSibling(file.getFileName() + ".next");
		try {
			try (Writer writer = Files.newBufferedWriter(next)) {
				saved.store(writer, "archive-replay");
			}
			Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
