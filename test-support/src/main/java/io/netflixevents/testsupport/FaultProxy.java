package io.netflixevents.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A TCP proxy on a free loopback port in front of an endpoint (the emulator), that a test can break: services
 * started with {@code AWS_ENDPOINT_URL} = {@link #endpoint()} reach AWS only through it.
 * <ul>
 * <li>{@link #cut()}: every open connection is reset and every new one is reset as soon as it is accepted, as when a
 * route to AWS is gone;</li>
 * <li>{@link #stall()}: connections are accepted and kept, but no byte passes either way, as behind a black hole;
 * what was held passes on once the path is {@link #restore() restored}, unless a side gave up meanwhile;</li>
 * <li>{@link #restore()}: bytes flow again.</li>
 * </ul>
 * Started {@link #withLatency with a latency}, it also delays every request by a fixed time, as a remote AWS endpoint
 * would (the benchmark's 15 ms): on each connection, the first bytes a client sends after the previous answer (a new
 * HTTP request, or the body after a {@code 100 Continue}) wait that long before they go upstream.
 */
public final class FaultProxy implements AutoCloseable {

	private enum State {

		OPEN, CUT, STALLED

	}

	private final InetSocketAddress upstream;

	private final ServerSocket server;

	private final long requestDelayMillis;

	private final ExecutorService threads;

	private final Set<Connection> connections = ConcurrentHashMap.newKeySet();

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition stateChanged = lock.newCondition();

	private final AtomicInteger refused = new AtomicInteger();

	private final AtomicLong accepted = new AtomicLong();

	private volatile State state = State.OPEN;

	private FaultProxy(InetSocketAddress upstream, ServerSocket server, Duration requestDelay) {
		this.upstream = upstream;
		this.server = server;
		this.requestDelayMillis = requestDelay.toMillis();
		this.threads = Loopback.daemonThreads("fault-proxy", server);
	}

	/** Starts a proxy in front of {@code upstream}'s host and port, open. */
	public static FaultProxy start(URI upstream) {
		return withLatency(upstream, Duration.ZERO);
	}

	/** Starts a proxy in front of {@code upstream}'s host and port, open, that delays every request by {@code delay}. */
	public static FaultProxy withLatency(URI upstream, Duration delay) {
		FaultProxy proxy = new FaultProxy(Loopback.addressOf(upstream), Loopback.listen(), delay);
		proxy.threads.execute(proxy::acceptLoop);
		return proxy;
	}

	/** Where clients connect instead of the upstream: {@code http://127.0.0.1:<port>}. */
	public URI endpoint() {
		return URI.create("http://127.0.0.1:" + server.getLocalPort());
	}

	/** Resets every open connection and every new one until {@link #restore()}. */
	public void cut() {
		transition(State.CUT);
		connections.forEach(Connection::reset);
	}

	/** Holds every byte, on open and new connections alike, until {@link #restore()}. */
	public void stall() {
		transition(State.STALLED);
	}

	/** Lets bytes flow again. */
	public void restore() {
		transition(State.OPEN);
	}

	public boolean isOpen() {
		return state == State.OPEN;
	}

	/** How many connections were reset on arrival because the path was cut. */
	public int refusedConnections() {
		return refused.get();
	}

	/** How many connections were accepted and forwarded since the start. */
	public long forwardedConnections() {
		return accepted.get();
	}

	@Override
	public void close() {
		transition(State.CUT);
		try {
			server.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
		connections.forEach(Connection::reset);
		threads.shutdownNow();
	}

	private void transition(State next) {
		lock.lock();
		try {
			state = next;
			stateChanged.signalAll();
		}
		finally {
			lock.unlock();
		}
	}

	private void acceptLoop() {
		while (!server.isClosed()) {
			Socket client;
			try {
				client = server.accept();
			}
			catch (IOException ex) {
				return; // closed
			}
			if (state == State.CUT) {
				refused.incrementAndGet();
				resetQuietly(client);
				continue;
			}
			threads.execute(() -> connect(client));
		}
	}

	private void connect(Socket client) {
		Socket target = new Socket();
		try {
			client.setTcpNoDelay(true);
			target.setTcpNoDelay(true);
			target.connect(upstream, 5_000);
		}
		catch (IOException ex) {
			resetQuietly(client);
			resetQuietly(target);
			return;
		}
		Connection connection = new Connection(client, target);
		connections.add(connection);
		accepted.incrementAndGet();
		if (state == State.CUT) { // cut while connecting
			connection.reset();
			return;
		}
		threads.execute(() -> connection.pump(client, target, true));
		threads.execute(() -> connection.pump(target, client, false));
	}

	/** Blocks while the path is stalled; false when it is cut (or the proxy closed). */
	private boolean awaitPassable() throws InterruptedException {
		if (state == State.OPEN) {
			return true;
		}
		lock.lock();
		try {
			while (state == State.STALLED) {
				stateChanged.await();
			}
			return state == State.OPEN;
		}
		finally {
			lock.unlock();
		}
	}

	private static void resetQuietly(Socket socket) {
		try {
			if (socket.isConnected() && !socket.isClosed()) {
				socket.setSoLinger(true, 0); // close with RST, not FIN: the peer sees "connection reset"
			}
			socket.close();
		}
		catch (IOException ex) {
			// already gone
		}
	}

	/** One client connection and its connection to the upstream, copied both ways by two threads. */
	private final class Connection {

		private final Socket client;

		private final Socket target;

		private final AtomicInteger halvesDone = new AtomicInteger();

		/** Whether the next bytes from the client start a new request: none sent yet, or an answer came since. */
		private final AtomicBoolean awaitingRequest = new AtomicBoolean(true);

		Connection(Socket client, Socket target) {
			this.client = client;
			this.target = target;
		}

		void pump(Socket from, Socket to, boolean request) {
			byte[] buffer = new byte[16 * 1024];
			try {
				InputStream in = from.getInputStream();
				OutputStream out = to.getOutputStream();
				for (int read; (read = in.read(buffer)) != -1;) {
					if (!awaitPassable()) {
						reset();
						return;
					}
					if (!request) {
						awaitingRequest.set(true);
					}
					else if (requestDelayMillis > 0 && awaitingRequest.getAndSet(false)) {
						Thread.sleep(requestDelayMillis);
					}
					out.write(buffer, 0, read);
					out.flush();
				}
				to.shutdownOutput(); // pass the half-close on
				if (halvesDone.incrementAndGet() == 2) {
					close();
				}
			}
			catch (IOException ex) {
				reset();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				reset();
			}
		}

		void reset() {
			connections.remove(this);
			resetQuietly(client);
			resetQuietly(target);
		}

		private void close() {
			connections.remove(this);
			try {
				client.close();
				target.close();
			}
			catch (IOException ex) {
				// already gone
			}
		}

	}

}
