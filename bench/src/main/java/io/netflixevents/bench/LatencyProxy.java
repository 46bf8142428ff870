package io.netflixevents.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A loopback TCP proxy that delays every request by a fixed time, the way a remote AWS endpoint would: on each
 * connection, the first bytes a client sends after the previous answer (a new HTTP request, or the body after a
 * {@code 100 Continue}) wait {@code delayMillis} before they go upstream.
 */
final class LatencyProxy implements AutoCloseable {

	private final ServerSocket server;

	private final URI upstream;

	private final long delayMillis;

	private volatile boolean closed;

	LatencyProxy(URI upstream, long delayMillis) throws IOException {
		this.upstream = upstream;
		this.delayMillis = delayMillis;
		this.server = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
		daemon(this::accept);
	}

	URI endpoint() {
		return URI.create("http://127.0.0.1:" + server.getLocalPort());
	}

	private void accept() {
		while (!closed) {
			try {
				Socket client = server.accept();
				client.setTcpNoDelay(true);
				Socket target = new Socket(upstream.getHost(), upstream.getPort());
				target.setTcpNoDelay(true);
				AtomicBoolean awaitingRequest = new AtomicBoolean(true);
				daemon(() -> pump(client, target, awaitingRequest, true));
				daemon(() -> pump(target, client, awaitingRequest, false));
			}
			catch (IOException ex) {
				if (!closed) {
					System.err.println("proxy: " + ex);
				}
			}
		}
	}

	private void pump(Socket from, Socket to, AtomicBoolean awaitingRequest, boolean request) {
		byte[] buffer = new byte[64 * 1024];
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			int read;
			while ((read = in.read(buffer)) >= 0) {
				if (request && awaitingRequest.getAndSet(false) && delayMillis > 0) {
					Thread.sleep(delayMillis);
				}
				else if (!request) {
					awaitingRequest.set(true);
				}
				out.write(buffer, 0, read);
				out.flush();
			}
		}
		catch (IOException | InterruptedException ex) {
			// the other side closed
		}
		finally {
			closeQuietly(from);
			closeQuietly(to);
		}
	}

	static void daemon(Runnable task) {
		Thread thread = new Thread(task);
		thread.setDaemon(true);
		thread.start();
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ignored) {
		}
	}

	@Override
	public void close() throws IOException {
		closed = true;
		server.close();
	}

}
