package dev.crashtest.fakes.crm.internal;

import com.sun.net.httpserver.HttpServer;
import dev.crashtest.fakes.ServiceEventListener;
import dev.crashtest.fakes.auth.RevocationCheck;
import dev.crashtest.fakes.auth.TokenVerifier;
import dev.crashtest.fakes.crm.AuditRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The running parts of a CRM: its database, its HTTP server and the threads serving it. Used by
 * {@link dev.crashtest.fakes.crm.CrmServer}; not an API.
 *
 * <pre>{@code
 * CrmRuntime runtime = CrmRuntime.start(settings);
 * }</pre>
 */
public final class CrmRuntime implements AutoCloseable {
  private static final int THREADS = 4;

  private final CrmDatabase database;
  private final CrmHandler handler;
  private final HttpServer server;
  private final ExecutorService executor;
  private final ScheduledExecutorService timer;
  private final CrmFaultRegistry faults;
  private final URI baseUrl;
  private final java.util.Map<String, HttpServer> workloads = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * What a CRM needs to start.
   *
   * <pre>{@code
   * new CrmRuntime.Settings("127.0.0.1", 0, issuer, jwks, "crm", dir, ServiceEventListener.NONE, null);
   * }</pre>
   *
   * <p>{@code introspectionUri} may be null: then writes are not checked for revocation.
   */
  public record Settings(String host, int port, URI issuer, URI jwksUri, String audience, Path dataDirectory,
      ServiceEventListener listener, URI introspectionUri) {}

  private CrmRuntime(CrmDatabase database, CrmHandler handler, HttpServer server, ExecutorService executor,
      ScheduledExecutorService timer, CrmFaultRegistry faults) {
    this.database = database;
    this.handler = handler;
    this.server = server;
    this.executor = executor;
    this.timer = timer;
    this.faults = faults;
    this.baseUrl = url(server.getAddress());
  }

  /** Opens the database, binds the port and starts serving; on failure closes what it opened. */
  public static CrmRuntime start(Settings settings) {
    TokenVerifier verifier =
        new TokenVerifier("crm", "the CRM", settings.issuer(), settings.jwksUri(), settings.audience());
    CrmDatabase database = CrmDatabase.open(settings.dataDirectory());
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(threads("crm-late-answers-"));
    try {
      CrmFaultRegistry faults = new CrmFaultRegistry();
      CrmHandler handler = new CrmHandler(database, verifier, settings.listener(), faults, new Delivery(timer),
          new RevocationCheck("crm", settings.introspectionUri(), settings.jwksUri()));
      HttpServer server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 0);
      ExecutorService executor = Executors.newFixedThreadPool(THREADS, threads("crm-http-"));
      server.setExecutor(executor);
      server.createContext("/", handler);
      server.createContext(FaultAdmin.PATH, new FaultAdmin(faults));
      CrmRuntime runtime = new CrmRuntime(database, handler, server, executor, timer, faults);
      server.createContext(WorkloadAdmin.PATH, new WorkloadAdmin(runtime::workloadUrl));
      server.start();
      return runtime;
    } catch (IOException | RuntimeException e) {
      timer.shutdownNow();
      database.close();
      String where = settings.host() + ":" + settings.port();
      if (e instanceof IOException io) {
        throw new UncheckedIOException("crm: cannot listen on [" + where + "]: " + io.getMessage()
            + ". Choose a free port, or withPort(0) for any free port", io);
      }
      throw (RuntimeException) e;
    }
  }

  public URI baseUrl() {
    return baseUrl;
  }

  /**
   * The address that is {@code agent}'s own: requests that come in on it are presented by that agent (a stand-in
   * for its mTLS or service-mesh workload identity), so a delegated token issued to another agent is refused. The
   * same agent always gets the same address.
   */
  public URI workloadUrl(String agent) {
    if (agent == null || agent.isBlank()) {
      throw new IllegalArgumentException("crm: a workload address needs the agent's client id, e.g. \"naive-agent\"");
    }
    return url(workloads.computeIfAbsent(agent, this::listenFor).getAddress());
  }

  /** Where a client on this machine calls: a wildcard bind ({@code --host 0.0.0.0} in a container) is 127.0.0.1. */
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
      throw new UncheckedIOException("crm: cannot open the address of agent [" + agent + "]: " + e.getMessage(), e);
    }
  }

  /** The faults this CRM applies to its own answers. */
  public CrmFaultRegistry faults() {
    return faults;
  }

  /** Every audit record, oldest first. */
  public List<AuditRecord> audit() {
    try {
      return handler.auditRecords();
    } catch (SQLException e) {
      throw new IllegalStateException("crm: cannot read the audit log in [" + database.directory() + "]", e);
    }
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
      database.close();
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
