package dev.crashtest.fakes.crm;

import dev.crashtest.fakes.FakeService;
import dev.crashtest.fakes.InjectedFault;
import dev.crashtest.fakes.ServiceEventListener;
import dev.crashtest.fakes.crm.internal.CrmRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A fake CRM on a real socket: accounts, quotes, orders and notes as in the agent contract (section 5), bearer
 * JWTs checked against an identity provider's JWKS, {@code Idempotency-Key} honoured on every POST, state in an
 * H2 file that survives a restart on the same data directory, and an audit record for every request.
 *
 * <pre>{@code
 * try (CrmServer crm = CrmServer.builder()
 *     .withIssuer(idp.issuer())
 *     .withJwksUri(idp.jwksUri())
 *     .withDataDirectory(runDir.resolve("crm"))
 *     .withEventListener(history::add)
 *     .start()) {
 *   agent.run(crm.baseUrl());
 *   assertThat(crm.audit()).as("CRM audit").isNotEmpty();
 * }
 * }</pre>
 *
 * <p>Events reach the listener synchronously, after the request's effect is committed and before the answer is
 * written: a listener that kills the caller simulates "the CRM committed, the agent never learned".
 *
 * <h2>Faults</h2>
 *
 * <p>{@link #faults()} makes the CRM misbehave at the HTTP level, after authentication and before the operation
 * runs (a 401 stays a 401):
 *
 * <pre>{@code
 * crm.faults().inject(CrmFault.serverError(503).forRequests(2));        // refused, nothing changes
 * crm.faults().inject(CrmFault.conflict().on("create_quote"));          // 409, nothing changes
 * crm.faults().inject(CrmFault.slow(Duration.ofSeconds(3)));            // committed now, answered 3 s later
 * crm.faults().inject(CrmFault.commitThenDropResponse().on("place_order").forRequests(1));
 * }</pre>
 *
 * <p>The last one is what exposes a missing {@code Idempotency-Key}: the order is committed, audited and
 * published, then the connection closes without a byte ({@code java.net.http.HttpClient} throws {@code
 * java.io.IOException}; curl says "Empty reply from server"). A retry with the same key gets the stored answer,
 * replayed; a retry without one places a second order. Note that {@code HttpClient} silently retries a
 * <em>GET</em> once when a pooled connection closes before any answer. Events and audit records of requests a
 * fault took carry {@code fault} ({@code server_error}, {@code slow}, {@code conflict}, {@code commit_then_drop});
 * a dropped answer's event adds {@code responseDropped: true} and keeps the outcome of the committed operation.
 */
public final class CrmServer implements FakeService, CrmAdmin {
  private final CrmRuntime runtime;
  private final Path temporaryDirectory;
  private boolean closed;

  private CrmServer(CrmRuntime runtime, Path temporaryDirectory) {
    this.runtime = runtime;
    this.temporaryDirectory = temporaryDirectory;
  }

  /** Starts describing a CRM; {@link Builder#withIssuer} and {@link Builder#withJwksUri} are required. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public URI baseUrl() {
    return runtime.baseUrl();
  }

  /**
   * The CRM address that is {@code agent}'s own. Requests on it are presented by that agent, as mTLS or a service
   * mesh would prove; a delegated token issued to another agent is refused there with {@code 401 invalid_token}
   * (audit error {@value AuditRecord#TOKEN_OF_ANOTHER_AGENT}).
   *
   * <pre>{@code
   * URI mine = crm.workloadUrl("procurement-agent");   // give this to that agent only
   * }</pre>
   *
   * <p>Over HTTP, for a CRM in another process: {@code POST /__crashtest/workloads {"agent":"procurement-agent"}}
   * answers 201 {@code {"agent":"procurement-agent","url":"http://127.0.0.1:PORT"}}. Each agent's address is a new
   * port on the CRM's bind address, opened on first request.
   */
  @Override
  public URI workloadUrl(String agent) {
    return runtime.workloadUrl(agent);
  }

  /**
   * The faults the CRM applies to its own HTTP answers; see {@link CrmFault} for the types and {@link CrmFaults}
   * for where in a request they act. Also served over HTTP at {@code /__crashtest/faults} on the CRM's port.
   */
  public CrmFaults faults() {
    return runtime.faults();
  }

  /** {@code faults().inject(fault)}: the same as over HTTP at {@code /__crashtest/faults}. */
  @Override
  public InjectedFault inject(CrmFault fault) {
    return faults().inject(fault);
  }

  /** Every request the CRM served since its data directory was created, oldest first. */
  public List<AuditRecord> audit() {
    return runtime.audit();
  }

  /** Stops the server and closes the database; a temporary data directory is deleted. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    runtime.close();
    if (temporaryDirectory != null) {
      deleteRecursively(temporaryDirectory);
    }
  }

  @Override
  public String toString() {
    return "CrmServer[" + baseUrl() + "]";
  }

  private static void deleteRecursively(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      System.err.println("crm: cannot delete temporary data directory [" + directory + "]: " + e.getMessage());
    }
  }

  /**
   * Describes a CRM to start. {@code with*} methods replace earlier values; the builder can start several CRMs.
   *
   * <pre>{@code
   * CrmServer crm = CrmServer.builder().withIssuer(issuer).withJwksUri(jwks).withPort(0).start();
   * }</pre>
   */
  public static final class Builder {
    private URI issuer;
    private URI jwksUri;
    private Path dataDirectory;
    private ServiceEventListener listener = ServiceEventListener.NONE;
    private String host = "127.0.0.1";
    private int port;
    private String audience = "crm";
    private URI introspectionUri;

    private Builder() {}

    /** The identity provider's issuer; a token's {@code iss} must equal it exactly. */
    public Builder withIssuer(URI issuer) {
      this.issuer = Objects.requireNonNull(issuer, "issuer");
      return this;
    }

    /** Where the identity provider publishes its keys (JWKS); fetched again when a token names an unknown key. */
    public Builder withJwksUri(URI jwksUri) {
      this.jwksUri = Objects.requireNonNull(jwksUri, "jwksUri");
      return this;
    }

    /** The directory of the CRM's database file; reuse it to restart on the same state. Default: a temporary one. */
    public Builder withDataDirectory(Path dataDirectory) {
      this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory");
      return this;
    }

    /** Receives one event per request, synchronously, before the answer is written. */
    public Builder withEventListener(ServiceEventListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** The TCP port; 0 (the default) takes any free port. */
    public Builder withPort(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("crm: port [" + port + "] is not a port number (0-65535)");
      }
      this.port = port;
      return this;
    }

    /** The address to bind; default {@code 127.0.0.1}. */
    public Builder withHost(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /**
     * The identity provider's RFC 7662 introspection endpoint, e.g. {@code http://127.0.0.1:41003/crashtest/introspect}:
     * every write (POST) asks it first whether the token is still active, and a revoked delegation is refused with
     * {@code 401 invalid_token} "delegation revoked…". Default: none, writes trust the signature alone.
     */
    public Builder withIntrospectionUri(URI introspectionUri) {
      this.introspectionUri = Objects.requireNonNull(introspectionUri, "introspectionUri");
      return this;
    }

    /** The audience a token's {@code aud} must contain; default {@code crm}. */
    public Builder withAudience(String audience) {
      this.audience = Objects.requireNonNull(audience, "audience");
      return this;
    }

    /** Opens the database (seeding it on first use), binds the port and starts serving. */
    public CrmServer start() {
      if (issuer == null || jwksUri == null) {
        throw new IllegalStateException("crm: the identity provider is not set ([issuer] " + issuer + ", [jwksUri] "
            + jwksUri + "). For example: CrmServer.builder().withIssuer(URI.create(\"http://127.0.0.1:41003\"))"
            + ".withJwksUri(URI.create(\"http://127.0.0.1:41003/jwks\")).start()");
      }
      Path temporary = dataDirectory == null ? temporaryDirectory() : null;
      Path directory = temporary == null ? dataDirectory : temporary;
      CrmRuntime runtime = CrmRuntime.start(
          new CrmRuntime.Settings(host, port, issuer, jwksUri, audience, directory, listener, introspectionUri));
      return new CrmServer(runtime, temporary);
    }

    private static Path temporaryDirectory() {
      try {
        return Files.createTempDirectory("crashtest-crm-");
      } catch (IOException e) {
        throw new UncheckedIOException("crm: cannot create a temporary data directory; use withDataDirectory(...)", e);
      }
    }
  }
}
