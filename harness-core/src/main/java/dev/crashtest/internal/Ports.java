package dev.crashtest.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Loopback ports for the servers the harness starts itself. Not API: may change without notice. */
public final class Ports {
  private Ports() {}

  /**
   * A loopback port that was free a moment ago. Ask for it after every listener that picks its own port (port 0)
   * is already bound, or one of them may be handed the same port.
   */
  public static int freeLoopbackPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port: " + e.getMessage(), e);
    }
  }
}
