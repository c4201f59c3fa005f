package dev.crashtest.fakes.proxy;

import eu.rekawek.toxiproxy.Proxy;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * What a client sees on the wire through a proxy: connect, send, read, all bounded by socket timeouts.
 *
 * <pre>{@code
 * assertThat(Wire.roundTrip(proxy, "ping")).isEqualTo("ping");
 * }</pre>
 */
final class Wire {
  static final int READ_TIMEOUT_MS = 10_000;

  private Wire() {}

  static InetSocketAddress address(Proxy proxy) {
    String listen = proxy.getListen();
    int colon = listen.lastIndexOf(':');
    return new InetSocketAddress(listen.substring(0, colon), Integer.parseInt(listen.substring(colon + 1)));
  }

  static Socket connect(Proxy proxy) throws IOException {
    Socket socket = new Socket();
    socket.connect(address(proxy), READ_TIMEOUT_MS);
    socket.setSoTimeout(READ_TIMEOUT_MS);
    socket.setTcpNoDelay(true);
    return socket;
  }

  /** Sends {@code message} on a new connection and reads as many bytes back. */
  static String roundTrip(Proxy proxy, String message) throws IOException {
    try (Socket socket = connect(proxy)) {
      return roundTrip(socket, message);
    }
  }

  static String roundTrip(Socket socket, String message) throws IOException {
    byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
    socket.getOutputStream().write(bytes);
    byte[] answer = new byte[bytes.length];
    new DataInputStream(socket.getInputStream()).readFully(answer);
    return new String(answer, StandardCharsets.UTF_8);
  }

  /** Reads a new connection until the proxy closes it. */
  static String readAll(Proxy proxy) throws IOException {
    try (Socket socket = connect(proxy)) {
      return new String(readToEnd(socket.getInputStream()), StandardCharsets.UTF_8);
    }
  }

  static byte[] readToEnd(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    in.transferTo(out);
    return out.toByteArray();
  }
}
