package dev.crashtest.fakes.proxy.internal;

import com.sun.net.httpserver.HttpServer;
import dev.crashtest.fakes.ServiceEventListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The running parts of a fault proxy: the API server, its threads, the event loops and the proxies. Used by
 * {@link dev.crashtest.fakes.proxy.FaultProxyServer}; not an API.
 *
 * <pre>{@code
 * FaultProxyRuntime runtime = FaultProxyRuntime.start(new Settings("127.0.0.1", 0, listener, new Random(1), 2));
 * }</pre>
 */
public final class FaultProxyRuntime implements AutoCloseable {
  private static final int API_THREADS = 2;
  private static final String NO_DELAY = "sun.net.httpserver.nodelay";

  static {
    // The JDK server writes headers and body separately; with Nagle on, every API call waits ~40 ms for the
    // client's delayed ACK. The switch is read once per JVM, so it only helps if set before any HttpServer.
    if (System.getProperty(NO_DELAY) == null) {
      System.setProperty(NO_DELAY, "true");
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final List<EventLoop> loops;
  private final ProxyRegistry registry;
  private final URI baseUrl;

  /**
   * What a fault proxy needs to start.
   *
   * <pre>{@code
   * new FaultProxyRuntime.Settings("127.0.0.1", 8474, ServiceEventListener.NONE, new Random(), 2);
   * }</pre>
   */
  public record Settings(String host, int port, ServiceEventListener listener, Random random, int loops) {}

  private FaultProxyRuntime(HttpServer server, ExecutorService executor, List<EventLoop> loops,
      ProxyRegistry registry) {
    this.server = server;
    this.executor = executor;
    this.loops = loops;
    this.registry = registry;
    this.baseUrl = URI.create("http://" + Addresses.format(server.getAddress()));
  }

  /** Starts the loops and binds the API port; on failure stops what it started. */
  public static FaultProxyRuntime start(Settings settings) {
    List<EventLoop> loops = new ArrayList<>();
    for (int i = 1; i <= settings.loops(); i++) {
      loops.add(EventLoop.start("proxy-loop-" + i));
    }
    ProxyRegistry registry = new ProxyRegistry(loops, settings.random());
    ExecutorService executor = Executors.newFixedThreadPool(API_THREADS, daemonThreads());
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 0);
      server.setExecutor(executor);
      server.createContext("/", new ApiHandler(registry, settings.listener()));
      server.start();
      return new FaultProxyRuntime(server, executor, loops, registry);
    } catch (IOException e) {
      executor.shutdownNow();
      loops.forEach(EventLoop::close);
      throw new UncheckedIOException("proxy: cannot listen on [" + settings.host() + ":" + settings.port() + "]: "
          + e.getMessage() + ". Choose a free port, or withPort(0) for any free port", e);
    }
  }

  public URI baseUrl() {
    return baseUrl;
  }

  /** The proxies, for {@code -config} files: the same as {@code POST /populate}. */
  public ProxyRegistry registry() {
    return registry;
  }

  @Override
  public void close() {
    try {
      server.stop(0);
      registry.closeAll();
    } finally {
      executor.shutdownNow();
      loops.forEach(EventLoop::close);
    }
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "proxy-api-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
