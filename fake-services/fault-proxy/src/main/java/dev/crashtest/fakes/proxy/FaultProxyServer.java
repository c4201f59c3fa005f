package dev.crashtest.fakes.proxy;

import dev.crashtest.fakes.FakeService;
import dev.crashtest.fakes.ServiceEventListener;
import dev.crashtest.fakes.proxy.internal.FaultProxyRuntime;
import java.net.URI;
import java.util.Objects;
import java.util.Random;

/**
 * A TCP fault proxy that speaks Toxiproxy's HTTP API, so the official {@code toxiproxy-java} client (and the
 * same test code against the real {@code ghcr.io/shopify/toxiproxy} container) drives it unchanged: proxies
 * created, enabled, disabled and deleted at run time, and the toxics {@code latency}, {@code bandwidth},
 * {@code slow_close}, {@code timeout}, {@code reset_peer}, {@code slicer} and {@code limit_data} in either
 * direction, chained in order, applied to open connections too.
 *
 * <pre>{@code
 * try (FaultProxyServer toxiproxy = FaultProxyServer.builder().withRandom(new Random(42)).start()) {
 *   ToxiproxyClient client = new ToxiproxyClient(toxiproxy.baseUrl().getHost(), toxiproxy.port());
 *   Proxy crm = client.createProxy("crm", "127.0.0.1:0", "127.0.0.1:" + crmPort);
 *   crm.toxics().latency("slow-crm", ToxicDirection.DOWNSTREAM, 200);
 *   agent.run("http://" + crm.getListen());
 * }
 * }</pre>
 *
 * <p>Every API change publishes one event (service {@code proxy}; operations {@code create_proxy},
 * {@code update_proxy}, {@code delete_proxy}, {@code populate}, {@code add_toxic}, {@code update_toxic},
 * {@code remove_toxic}, {@code reset}) synchronously, after it took effect and before the answer is written.
 */
public final class FaultProxyServer implements FakeService {
  private final FaultProxyRuntime runtime;
  private boolean closed;

  private FaultProxyServer(FaultProxyRuntime runtime) {
    this.runtime = runtime;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The API's URL, e.g. {@code http://127.0.0.1:8474}. */
  @Override
  public URI baseUrl() {
    return runtime.baseUrl();
  }

  /** Stops the API, every proxy and every connection, and frees all their ports. Harmless twice. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    runtime.close();
  }

  @Override
  public String toString() {
    return "FaultProxyServer[" + baseUrl() + "]";
  }

  /**
   * Describes a fault proxy to start. {@code with*} methods replace earlier values.
   *
   * <pre>{@code
   * FaultProxyServer proxy = FaultProxyServer.builder().withPort(8474).withEventListener(history::add).start();
   * }</pre>
   */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port;
    private ServiceEventListener listener = ServiceEventListener.NONE;
    private Random random;
    private int eventLoops = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));

    private Builder() {}

    /** The address the API binds; default {@code 127.0.0.1}. Proxies bind what their {@code listen} says. */
    public Builder withHost(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** The API's TCP port; 0 (the default) takes any free port. Toxiproxy's usual port is 8474. */
    public Builder withPort(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("proxy: port [" + port + "] is not a port number (0-65535)");
      }
      this.port = port;
      return this;
    }

    /** Receives one event per API change, synchronously, before the answer is written. */
    public Builder withEventListener(ServiceEventListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** The one source of every random choice: toxicity rolls, latency jitter, slicer sizes. Default: unseeded. */
    public Builder withRandom(Random random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /** How many selector threads carry the proxied traffic; default one per core, at most 2. */
    public Builder withEventLoops(int eventLoops) {
      if (eventLoops < 1) {
        throw new IllegalArgumentException("proxy: event loops [" + eventLoops + "] must be at least 1");
      }
      this.eventLoops = eventLoops;
      return this;
    }

    int port() {
      return port;
    }

    String host() {
      return host;
    }

    /** Binds the API port and starts serving; throws {@link java.io.UncheckedIOException} if the port is taken. */
    public FaultProxyServer start() {
      Random source = random != null ? random : new Random();
      return new FaultProxyServer(FaultProxyRuntime.start(
          new FaultProxyRuntime.Settings(host, port, listener, source, eventLoops)));
    }
  }
}
