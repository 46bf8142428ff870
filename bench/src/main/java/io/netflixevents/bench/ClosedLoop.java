package io.netflixevents.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** A fixed number of workers each repeating one request for a while: throughput and latency percentiles. */
final class ClosedLoop {

	interface Request {

		/** Performs one request; true when it succeeded. */
		boolean call(int worker, long sequence) throws Exception;

	}

	record Result(double perSecond, double p50Millis, double p99Millis, long ok, long failed) {
	}

	private ClosedLoop() {
	}

	static Result run(int workers, Duration duration, Request request) throws InterruptedException {
		List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
		AtomicLong failed = new AtomicLong();
		AtomicLong sequence = new AtomicLong();
		long start = System.nanoTime();
		long end = start + duration.toNanos();
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < workers; i++) {
			int worker = i;
			Thread thread = new Thread(() -> {
				List<Double> mine = new ArrayList<>();
				while (System.nanoTime() < end) {
					long t0 = System.nanoTime();
					boolean ok;
					try {
						ok = request.call(worker, sequence.incrementAndGet());
					}
					catch (Exception ex) {
						ok = false;
					}
					if (ok) {
						mine.add((System.nanoTime() - t0) / 1e6);
					}
					else {
						failed.incrementAndGet();
					}
				}
				latencies.addAll(mine);
			});
			thread.start();
			threads.add(thread);
		}
		for (Thread thread : threads) {
			thread.join();
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		return new Result(latencies.size() / seconds, Stats.percentile(latencies, 50), Stats.percentile(latencies, 99),
				latencies.size(), failed.get());
	}

}
