package io.netflixevents.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Waits for the whole machine to be idle before a service's start is timed: a JVM goes on compiling for seconds
 * after its health says UP (a consumer used 1.8 s of CPU in the 5 s after), and a start timed into whatever else
 * runs measures that too.
 */
final class IdleMachine {

	private static final Path STAT = Path.of("/proc/stat");

	private IdleMachine() {
	}

	/** Returns once all cores together were busy less than a tenth of one core over half a second, or at timeout. */
	static void await(Duration timeout) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		long[] before = busyAndTotal();
		while (System.nanoTime() < deadline) {
			Thread.sleep(500);
			long[] now = busyAndTotal();
			long total = now[1] - before[1];
			int cores = Runtime.getRuntime().availableProcessors();
			if (total > 0 && (now[0] - before[0]) * cores * 10 < total) {
				return;
			}
			before = now;
		}
	}

	/** From the first line of /proc/stat: ticks busy (all but idle and iowait) and ticks in all, over all cores. */
	private static long[] busyAndTotal() throws IOException {
		String[] fields = Files.readAllLines(STAT).get(0).trim().split("\\s+");
		long total = 0;
		for (int i = 1; i < fields.length; i++) {
			total += Long.parseLong(fields[i]);
		}
		long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
		return new long[] { total - idle, total };
	}

}
