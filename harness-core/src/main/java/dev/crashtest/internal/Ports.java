package dev.crashtest.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayDeque;
import java.util.Deque;

/** Loopback ports for the servers the harness starts itself. Not API: may change without notice. */
public final class Ports {
  /** Ports handed out lately, not handed out again: their server may not have bound them yet. */
  private static final int REMEMBERED = 256;
  private static final Deque<Integer> HANDED_OUT = new ArrayDeque<>();

  private Ports() {}

  /**
   * A loopback port that was free a moment ago, and not one this JVM handed out among its last {@value #REMEMBERED}.
   * Ask for it after every listener that picks its own port (port 0) is already bound, or one of them may be handed
   * the same port.
   */
  public static synchronized int freeLoopbackPort() {
    for (int attempt = 0; attempt < 20; attempt++) {
      int port = kernelPicked();
      if (!HANDED_OUT.contains(port)) {
        HANDED_OUT.addLast(port);
        if (HANDED_OUT.size() > REMEMBERED) {
          HANDED_OUT.removeFirst();
        }
        return port;
      }
    }
    throw new UncheckedIOException(new IOException("no free loopback port that was not handed out already"));
  }

  private static int kernelPicked() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port: " + e.getMessage(), e);
    }
  }
}
