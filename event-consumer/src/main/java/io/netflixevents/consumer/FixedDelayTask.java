package io.netflixevents.consumer;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;

import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Runs a consumer's periodic work (the rollup refresh, the queue depth) while the application runs, on a thread of
 * its own built with Boot's scheduler builder (so {@code spring.task.scheduling.*} applies). It replaces
 * {@code @Scheduled}, whose {@code @EnableScheduling} on an auto-configuration would switch scheduling on for every
 * application that has this jar.
 */
final class FixedDelayTask implements SmartLifecycle {

	private final Runnable work;

	private final Duration delay;

	private final ThreadPoolTaskScheduler scheduler;

	private volatile ScheduledFuture<?> running;

	/**
	 * @param name the thread's name
	 * @param delay the pause between the end of one run and the start of the next
	 */
	FixedDelayTask(String name, Duration delay, Runnable work, ThreadPoolTaskSchedulerBuilder schedulers) {
		this.work = work;
		this.delay = delay;
		this.scheduler = schedulers.poolSize(1).threadNamePrefix(name + "-").build();
	}

	@Override
	public void start() {
		scheduler.initialize();
		running = scheduler.scheduleWithFixedDelay(work, delay);
	}

	@Override
	public void stop() {
		running.cancel(false);
		scheduler.shutdown();
	}

	@Override
	public boolean isRunning() {
		return running != null && !running.isCancelled();
	}

}
