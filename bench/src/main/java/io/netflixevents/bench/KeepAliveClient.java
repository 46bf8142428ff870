package io.netflixevents.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The load generator of cases 3 and 4: JSON POSTs to one URL over HTTP/1.1 on plain sockets, each on a kept-alive
 * connection that no other request uses meanwhile. The load shares the two cores with what it loads, so its own cost
 * counts: measured here, warm, the JDK's {@code HttpClient} used 0.6-1.0 ms of CPU per POST to the frontend, a third
 * of what the frontend itself used; this client 0.15-0.2 ms. It reads what the services answer: a status line,
 * headers, a body of {@code Content-Length} or chunked, and {@code Connection: close} (Tomcat closes a connection
 * after 100 requests).
 */
final class KeepAliveClient implements AutoCloseable {

	private final String host;

	private final int port;

	private final byte[] head;

	private final Queue<Connection> idle = new ConcurrentLinkedQueue<>();

	KeepAliveClient(URI url) {
		this.host = url.getHost();
		this.port = url.getPort();
		this.head = ("POST " + url.getRawPath() + " HTTP/1.1\r\nHost: " + host + ":" + port
				+ "\r\nContent-Type: application/json\r\nContent-Length: ").getBytes(StandardCharsets.ISO_8859_1);
	}

	/** POSTs the JSON and returns the response's status. */
	int post(String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		Connection connection = idle.poll();
		if (connection != null) {
			try {
				return answerAndRelease(connection, connection.post(body));
			}
			catch (StaleConnectionException stale) {
				// the server closed it while it was idle: send the request on a new one
			}
		}
		connection = new Connection();
		return answerAndRelease(connection, connection.post(body));
	}

	private int answerAndRelease(Connection connection, int status) throws IOException {
		if (connection.reusable) {
			idle.add(connection);
		}
		else {
			connection.close();
		}
		return status;
	}

	@Override
	public void close() throws IOException {
		for (Connection connection; (connection = idle.poll()) != null;) {
			connection.close();
		}
	}

	private static final class StaleConnectionException extends IOException {

		StaleConnectionException() {
			super("the server closed the connection before answering");
		}

	}

	private final class Connection implements AutoCloseable {

		private final Socket socket;

		private final OutputStream out;

		private final InputStream in;

		private boolean reusable = true;

		Connection() throws IOException {
			this.socket = new Socket(host, port);
			socket.setTcpNoDelay(true);
			this.out = new BufferedOutputStream(socket.getOutputStream());
			this.in = new BufferedInputStream(socket.getInputStream());
		}

		int post(byte[] body) throws IOException {
			int first;
			try {
				out.write(head);
				out.write((body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
				out.write(body);
				out.flush();
				first = in.read();
			}
			catch (IOException ex) {
				first = -1;
			}
			if (first < 0) {
				close();
				throw new StaleConnectionException();
			}
			try {
				String status = (char) first + line();
				long length = 0;
				boolean chunked = false;
				for (String header = line(); !header.isEmpty(); header = line()) {
					String lower = header.toLowerCase(Locale.ROOT);
					if (lower.startsWith("content-length:")) {
						length = Long.parseLong(lower.substring("content-length:".length()).trim());
					}
					else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
						chunked = true;
					}
					else if (lower.startsWith("connection:") && lower.contains("close")) {
						reusable = false;
					}
				}
				if (chunked) {
					for (long size; (size = Long.parseLong(line().split(";")[0].trim(), 16)) > 0;) {
						in.skipNBytes(size);
						line();
					}
					while (!line().isEmpty()) {
						// trailers
					}
				}
				else {
					in.skipNBytes(length);
				}
				return Integer.parseInt(status.substring("HTTP/1.1 ".length(), "HTTP/1.1 ".length() + 3));
			}
			catch (IOException | RuntimeException ex) {
				close();
				throw ex;
			}
		}

		private String line() throws IOException {
			StringBuilder line = new StringBuilder();
			for (int c = in.read(); c != '\n'; c = in.read()) {
				if (c < 0) {
					throw new EOFException("the server closed the connection mid-answer");
				}
				if (c != '\r') {
					line.append((char) c);
				}
			}
			return line.toString();
		}

		@Override
		public void close() throws IOException {
			reusable = false;
			socket.close();
		}

	}

}
