package io.netflixevents.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** What the test proxies share: a listening socket on a free loopback port, daemon threads, the upstream address. */
final class Loopback {

	private Loopback() {
	}

	static ServerSocket listen() {
		try {
			return new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Threads named {@code <name>-<port>-<n>} that never keep the JVM alive. */
	static ExecutorService daemonThreads(String name, ServerSocket server) {
		AtomicInteger ids = new AtomicInteger();
		return Executors.newCachedThreadPool(task -> {
			Thread thread = new Thread(task, name + "-" + server.getLocalPort() + "-" + ids.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	static InetSocketAddress addressOf(URI upstream) {
		int port = upstream.getPort() != -1 ? upstream.getPort() : "https".equals(upstream.getScheme()) ? 443 : 80;
		return new InetSocketAddress(upstream.getHost(), port);
	}

}
