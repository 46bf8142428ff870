package io.netflixevents.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A TCP proxy that lets one request at a time through to the emulator's DynamoDB, so that each DynamoDB call is
 * atomic and isolated, as on AWS.
 * <p>
 * Why: moto 5.2.1 serves requests on many threads without a lock, and its {@code TransactWriteItems} deep-copies
 * each table it writes, applies the items one by one (the rest even after a failed condition) and, when a condition
 * failed, puts the copies back. Two transactions on one table at once therefore leak each other's partial writes or
 * wipe each other's committed ones: a cancelled transaction's counter increment survives, or a committed event's
 * marker disappears. That is the emulator, not the code under test, and it would make every exactly-once count
 * unreliable. Behind this proxy each request runs alone.
 * <p>
 * How: moto answers every request with {@code Connection: close}, so one upstream connection carries exactly one
 * request and its response. A connection takes the single permit when its first bytes arrive and gives it back when
 * moto closes it (or after {@link #MAX_HOLD_MILLIS} ms, in case something keeps it open).
 */
public final class SerializingProxy implements AutoCloseable {

	/** The longest one request may hold the emulator; longer ones are cut so that the others go on. */
	static final int MAX_HOLD_MILLIS = 30_000;

	private final InetSocketAddress upstream;

	private final ServerSocket server;

	private final ExecutorService threads;

	private final Semaphore permit = new Semaphore(1, true);

	private SerializingProxy(InetSocketAddress upstream, ServerSocket server) {
		this.upstream = upstream;
		this.server = server;
		this.threads = Loopback.daemonThreads("serializing-proxy", server);
	}

	/** Starts one in front of {@code upstream}'s host and port. */
	public static SerializingProxy start(URI upstream) {
		SerializingProxy proxy = new SerializingProxy(Loopback.addressOf(upstream), Loopback.listen());
		proxy.threads.execute(proxy::acceptLoop);
		return proxy;
	}

	/** Where clients connect instead of the upstream: {@code http://127.0.0.1:<port>}. */
	public URI endpoint() {
		return URI.create("http://127.0.0.1:" + server.getLocalPort());
	}

	@Override
	public void close() {
		try {
			server.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
		threads.shutdownNow();
	}

	private void acceptLoop() {
		while (!server.isClosed()) {
			try {
				Socket client = server.accept();
				threads.execute(() -> serve(client));
			}
			catch (IOException ex) {
				return; // closed
			}
		}
	}

	private void serve(Socket client) {
		AtomicBoolean held = new AtomicBoolean();
		Socket target = new Socket();
		try (client; target) {
			InputStream fromClient = client.getInputStream();
			byte[] buffer = new byte[16 * 1024];
			int read = fromClient.read(buffer); // the request's first bytes: only now wait for the permit
			if (read == -1) {
				return;
			}
			permit.acquire();
			held.set(true);
			target.connect(upstream, 5_000);
			target.setSoTimeout(MAX_HOLD_MILLIS);
			OutputStream toTarget = target.getOutputStream();
			toTarget.write(buffer, 0, read);
			toTarget.flush();
			threads.execute(() -> copyRequest(fromClient, toTarget, target));
			copyResponse(target.getInputStream(), client.getOutputStream());
		}
		catch (IOException ex) {
			// the client or the emulator went away: nothing to pass on
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			if (held.compareAndSet(true, false)) {
				permit.release();
			}
		}
	}

	private static void copyRequest(InputStream fromClient, OutputStream toTarget, Socket target) {
		byte[] buffer = new byte[16 * 1024];
		try {
			for (int read; (read = fromClient.read(buffer)) != -1;) {
				toTarget.write(buffer, 0, read);
				toTarget.flush();
			}
			target.shutdownOutput();
		}
		catch (IOException ex) {
			// the response side ends the exchange
		}
	}

	/** Until the emulator closes the connection after its response; a stuck one is cut after {@link #MAX_HOLD_MILLIS} ms. */
	private static void copyResponse(InputStream fromTarget, OutputStream toClient) throws IOException {
		byte[] buffer = new byte[16 * 1024];
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MAX_HOLD_MILLIS);
		try {
			for (int read; (read = fromTarget.read(buffer)) != -1;) {
				toClient.write(buffer, 0, read);
				toClient.flush();
				if (System.nanoTime() > deadline) {
					return;
				}
			}
		}
		catch (SocketTimeoutException ex) {
			// held longer than MAX_HOLD: let the others through
		}
	}

}
