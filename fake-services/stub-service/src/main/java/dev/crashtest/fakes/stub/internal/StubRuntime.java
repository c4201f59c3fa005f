package dev.crashtest.fakes.stub.internal;

import com.sun.net.httpserver.HttpServer;
import dev.crashtest.fakes.ServiceEventListener;
import dev.crashtest.fakes.auth.RevocationCheck;
import dev.crashtest.fakes.auth.TokenVerifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The running parts of a stub service: each service's WireMock, the idempotency journal, the HTTP server (and one
 * per agent's own address) and the threads serving them. Used by {@link dev.crashtest.fakes.stub.StubServer}; not an
 * API.
 *
 * <pre>{@code
 * StubRuntime runtime = StubRuntime.start(settings);
 * }</pre>
 */
public final class StubRuntime implements AutoCloseable {
  /** Every stub file of a service's directory that is not a WireMock mapping; see {@code StubServer.check}. */
  public static java.util.List<dev.crashtest.fakes.stub.InvalidStubException> stubProblems(String service,
      java.nio.file.Path stubs) {
    return StubLoader.problems(service, stubs);
  }

  private static final int THREADS = 8;

  private final Map<String, ServiceStubs> services;
  private final IdempotencyJournal journal;
  private final StubHandler handler;
  private final HttpServer server;
  private final ExecutorService executor;
  private final ScheduledExecutorService timer;
  private final StubFaultRegistry faults;
  private final URI baseUrl;
  private final Map<String, HttpServer> workloads = new ConcurrentHashMap<>();

  /**
   * What a stub service needs to start. {@code introspectionUri} may be null: writes are then not checked for
   * revocation. A token's {@code aud} must contain the name of the service it calls.
   *
   * <pre>{@code
   * new StubRuntime.Settings("127.0.0.1", 0, issuer, jwks, null, dir, Map.of("orders", stubs), ops, listener);
   * }</pre>
   */
  public record Settings(String host, int port, URI issuer, URI jwksUri, URI introspectionUri,
      Path dataDirectory, Map<String, Path> services, List<Operation> operations, ServiceEventListener listener) {}

  private StubRuntime(Map<String, ServiceStubs> services, IdempotencyJournal journal, StubHandler handler,
      HttpServer server, ExecutorService executor, ScheduledExecutorService timer, StubFaultRegistry faults) {
    this.services = services;
    this.journal = journal;
    this.handler = handler;
    this.server = server;
    this.executor = executor;
    this.timer = timer;
    this.faults = faults;
    this.baseUrl = url(server.getAddress());
  }

  /** Loads every service's stubs, opens the journal, binds the port; on failure closes what it opened. */
  public static StubRuntime start(Settings settings) {
    Map<String, TokenVerifier> verifiers = new LinkedHashMap<>();
    settings.services().keySet().forEach(name -> verifiers.put(name, new TokenVerifier("stub-service", "the service",
        settings.issuer(), settings.jwksUri(), name)));
    Map<String, ServiceStubs> services = new LinkedHashMap<>();
    IdempotencyJournal journal = null;
    ScheduledExecutorService timer = null;
    try {
      settings.services().forEach((name, directory) -> services.put(name, ServiceStubs.load(name, directory)));
      journal = IdempotencyJournal.open(settings.dataDirectory());
      timer = Executors.newSingleThreadScheduledExecutor(threads("stub-late-answers-"));
      List<String> names = new ArrayList<>(settings.operations().stream().map(Operation::name).toList());
      StubFaultRegistry faults = new StubFaultRegistry(names);
      StubHandler handler = new StubHandler(services, settings.operations(), verifiers,
          new RevocationCheck("stub-service", settings.introspectionUri(), settings.jwksUri()), settings.listener(),
          faults, new Delivery(timer), journal);
      HttpServer server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 0);
      ExecutorService executor = Executors.newFixedThreadPool(THREADS, threads("stub-http-"));
      server.setExecutor(executor);
      server.createContext("/", handler);
      server.createContext(FaultAdmin.PATH, new FaultAdmin(faults));
      StubRuntime runtime = new StubRuntime(services, journal, handler, server, executor, timer, faults);
      server.createContext(WorkloadAdmin.PATH, new WorkloadAdmin(runtime::workloadUrl));
      server.start();
      return runtime;
    } catch (IOException | RuntimeException e) {
      services.values().forEach(ServiceStubs::close);
      if (journal != null) {
        journal.close();
      }
      if (timer != null) {
        timer.shutdownNow();
      }
      if (e instanceof IOException io) {
        throw new UncheckedIOException("stub-service: cannot listen on [" + settings.host() + ":" + settings.port()
            + "]: " + io.getMessage() + ". Choose a free port, or withPort(0) for any free port", io);
      }
      throw (RuntimeException) e;
    }
  }

  public URI baseUrl() {
    return baseUrl;
  }

  /** The base address that is {@code agent}'s own; the same agent always gets the same one. */
  public URI workloadUrl(String agent) {
    if (agent == null || agent.isBlank()) {
      throw new IllegalArgumentException(
          "stub-service: a workload address needs the agent's client id, e.g. \"naive-agent\"");
    }
    return url(workloads.computeIfAbsent(agent, this::listenFor).getAddress());
  }

  /** Where a client on this machine calls: a wildcard bind is 127.0.0.1. */
  private static URI url(InetSocketAddress address) {
    String host = address.getAddress().isAnyLocalAddress() ? "127.0.0.1" : address.getHostString();
    return URI.create("http://" + host + ":" + address.getPort());
  }

  private HttpServer listenFor(String agent) {
    try {
      HttpServer workload = HttpServer.create(new InetSocketAddress(server.getAddress().getAddress(), 0), 0);
      workload.setExecutor(executor);
      workload.createContext("/", handler.presentedBy(agent));
      workload.start();
      return workload;
    } catch (IOException e) {
      throw new UncheckedIOException("stub-service: cannot open the address of agent [" + agent + "]: "
          + e.getMessage(), e);
    }
  }

  public StubFaultRegistry faults() {
    return faults;
  }

  /** The services served, in the order given. */
  public List<String> services() {
    return List.copyOf(services.keySet());
  }

  @Override
  public void close() {
    try {
      faults.healAll();
      timer.shutdownNow();
      server.stop(0);
      workloads.values().forEach(workload -> workload.stop(0));
      executor.shutdownNow();
    } finally {
      services.values().forEach(ServiceStubs::close);
      journal.close();
    }
  }

  private static ThreadFactory threads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
