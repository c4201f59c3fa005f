package dev.crashtest.fakes.stub;

import dev.crashtest.fakes.FakeService;
import dev.crashtest.fakes.InjectedFault;
import dev.crashtest.fakes.ServiceEventListener;
import dev.crashtest.fakes.stub.internal.Operation;
import dev.crashtest.fakes.stub.internal.StubRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A workload's services on one real socket, each answered by its WireMock stub mappings (WireMock's own JSON, response
 * templating on), with the CRM's guarantees on every stub: delegated tokens verified, {@code Idempotency-Key}
 * replayed, every request an event, and the CRM's faults.
 *
 * <pre>{@code
 * try (StubServer stubs = StubServer.builder()
 *     .withIssuer(idp.issuer())
 *     .withJwksUri(idp.jwksUri())
 *     .withIntrospectionUri(idp.introspectionUri())
 *     .withService("orders", workload.resolve("stubs/orders"))
 *     .withService("refunds", workload.resolve("stubs/refunds"))
 *     .withOperation("orders", "get_order", "GET", "/orders/{order_id}", "orders.read")
 *     .withOperation("refunds", "create_refund", "POST", "/refunds", "refunds.write",
 *         Effect.declared("refund", "refundId", "orderId").withApprovalAbove("amount", new BigDecimal("100")))
 *     .withDataDirectory(runDir.resolve("stubs"))
 *     .withEventListener(history::add)
 *     .start()) {
 *   URI refunds = stubs.serviceUrl("refunds");   // http://127.0.0.1:PORT/refunds: HARNESS_SERVICE_REFUNDS_URL
 * }
 * }</pre>
 *
 * <h2>What every request goes through</h2>
 *
 * <p>{@code /<service>/rest} is matched against that service's mappings as {@code /rest}, so a team's stubs work
 * unchanged. Before the stub answers: a bearer token verified against the JWKS (signature, exact issuer, {@code aud}
 * containing the <em>service's name</em>, expiry), on an agent's own address ({@link #workloadUrl}) a token of another
 * agent refused, the scope of the operation whose method and path template matched required, and before a write
 * (POST, PUT, PATCH, DELETE) the identity provider's introspection asked (revocation). Refusals are the CRM's: 401
 * {@code invalid_token}, 403 {@code insufficient_scope}, same messages. A write with an {@code Idempotency-Key} runs
 * its stub once; the answer is stored (in {@code idempotency.jsonl} of the data directory, so a restart keeps it) and
 * a repeat gets it with {@code Idempotent-Replayed: true}; the same key on a different request is 422 {@code
 * idempotency_key_reused}. A path no stub matches is 404 {@code no_stub}; a request on no declared operation is
 * served as operation {@code unknown} with no scope required.
 *
 * <h2>Events</h2>
 *
 * <p>One {@link dev.crashtest.fakes.ServiceEvent} per request (service = the service's name, operation = the tool),
 * synchronously after the answer is stored and before it is written, with the CRM's details ({@code method, path,
 * status, outcome, error, refusal, agent, actorSource, user, scope, tokenId, delegated, idempotencyKey, replayed,
 * fault, presenter, reason, responseDropped}) and, for a declared {@link Effect} committed now, {@code effectType,
 * effectId, effectKey} and {@code needsApproval: true} when gated. {@code path} is the path the service saw.
 *
 * <h2>Faults</h2>
 *
 * <pre>{@code
 * stubs.faults().inject(StubFault.commitThenDropResponse().on("create_refund").forRequests(1));
 * }</pre>
 *
 * <p>As the CRM's ({@link StubFaults}); also at {@code /__crashtest/faults} on the server's port.
 */
public final class StubServer implements FakeService, StubAdmin {
  private final StubRuntime runtime;
  private final Path temporaryDirectory;
  private boolean closed;

  private StubServer(StubRuntime runtime, Path temporaryDirectory) {
    this.runtime = runtime;
    this.temporaryDirectory = temporaryDirectory;
  }

  /**
   * Every stub file of {@code stubs} that is not a WireMock stub mapping, with WireMock's reason, without starting
   * anything: what a workload reader reports before a run.
   *
   * <pre>{@code
   * StubServer.check("refunds", Path.of("stubs/refunds")).forEach(e -> System.err.println(e.getMessage()));
   * }</pre>
   */
  public static List<InvalidStubException> check(String service, Path stubs) {
    return dev.crashtest.fakes.stub.internal.StubRuntime.stubProblems(service, stubs);
  }

  /** Starts describing a stub service; issuer, JWKS URI and at least one service are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The server's base URL, without a trailing slash; each service is under it at {@code /<service>}. */
  @Override
  public URI baseUrl() {
    return runtime.baseUrl();
  }

  /**
   * {@code service}'s base URL, e.g. {@code http://127.0.0.1:41005/refunds}, no trailing slash.
   *
   * @throws IllegalArgumentException if the server has no such service
   */
  public URI serviceUrl(String service) {
    return URI.create(baseUrl() + "/" + known(service));
  }

  /**
   * The base address that is {@code agent}'s own (as mTLS would prove it); its services are under it at {@code
   * /<service>}. A delegated token issued to another agent is refused there with {@code 401 invalid_token}. Over
   * HTTP: {@code POST /__crashtest/workloads {"agent":"naive-agent"}}.
   */
  @Override
  public URI workloadUrl(String agent) {
    return runtime.workloadUrl(agent);
  }

  /** {@code service}'s base URL on {@code agent}'s own address. */
  public URI workloadServiceUrl(String agent, String service) {
    return URI.create(workloadUrl(agent) + "/" + known(service));
  }

  /** The services served, in the order given. */
  public List<String> services() {
    return runtime.services();
  }

  /** The faults the server applies to its own answers; also at {@code /__crashtest/faults}. */
  public StubFaults faults() {
    return runtime.faults();
  }

  @Override
  public InjectedFault inject(StubFault fault) {
    return faults().inject(fault);
  }

  /** Stops the server; a temporary data directory is deleted. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    runtime.close();
    if (temporaryDirectory != null) {
      try (Stream<Path> paths = Files.walk(temporaryDirectory)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      } catch (IOException e) {
        System.err.println("stub-service: cannot delete [" + temporaryDirectory + "]: " + e.getMessage());
      }
    }
  }

  @Override
  public String toString() {
    return "StubServer[" + baseUrl() + " " + services() + "]";
  }

  private String known(String service) {
    if (!services().contains(service)) {
      throw new IllegalArgumentException("stub-service: no service [" + service + "]; services: "
          + String.join(", ", services()));
    }
    return service;
  }

  /**
   * Describes a stub service to start. {@code withIssuer}, {@code withJwksUri}, {@code withIntrospectionUri}, {@code
   * withDataDirectory}, {@code withEventListener}, {@code withHost} and {@code withPort} replace earlier values;
   * {@code withService} and {@code withOperation} add one each.
   *
   * <pre>{@code
   * StubServer stubs = StubServer.builder().withIssuer(issuer).withJwksUri(jwks)
   *     .withService("orders", Path.of("stubs/orders")).start();
   * }</pre>
   */
  public static final class Builder {
    private static final Pattern SERVICE_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");

    private URI issuer;
    private URI jwksUri;
    private URI introspectionUri;
    private Path dataDirectory;
    private ServiceEventListener listener = ServiceEventListener.NONE;
    private String host = "127.0.0.1";
    private int port;
    private final Map<String, Path> services = new LinkedHashMap<>();
    private final List<Operation> operations = new ArrayList<>();

    private Builder() {}

    /** The identity provider's issuer; a token's {@code iss} must equal it exactly. */
    public Builder withIssuer(URI issuer) {
      this.issuer = Objects.requireNonNull(issuer, "issuer");
      return this;
    }

    /** Where the identity provider publishes its keys (JWKS). */
    public Builder withJwksUri(URI jwksUri) {
      this.jwksUri = Objects.requireNonNull(jwksUri, "jwksUri");
      return this;
    }

    /** The provider's RFC 7662 introspection endpoint, asked before every write. Default: none. */
    public Builder withIntrospectionUri(URI introspectionUri) {
      this.introspectionUri = Objects.requireNonNull(introspectionUri, "introspectionUri");
      return this;
    }

    /**
     * Adds a service, served at {@code /<name>}, answered by the WireMock mappings in {@code stubsDirectory} (its
     * {@code mappings/} subdirectory if it has one); a token for it must have {@code aud} {@code name}.
     *
     * @throws IllegalArgumentException if the name is not lower-case letters, digits, {@code -} and {@code _}, or
     *     is taken
     */
    public Builder withService(String name, Path stubsDirectory) {
      if (name == null || !SERVICE_NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("stub-service: service name [" + name + "] must be lower-case letters,"
            + " digits, - and _, e.g. refunds");
      }
      if (services.containsKey(name)) {
        throw new IllegalArgumentException("stub-service: service [" + name + "] is declared twice");
      }
      services.put(name, Objects.requireNonNull(stubsDirectory, "stubsDirectory"));
      return this;
    }

    /** Adds an operation that commits no effect; see the six-argument {@code withOperation}. */
    public Builder withOperation(String service, String name, String method, String pathTemplate, String scope) {
      return withOperation(service, name, method, pathTemplate, scope, null);
    }

    /**
     * Adds a tool of the workload: requests to {@code service} with {@code method} and a path matching {@code
     * pathTemplate} ({@code {param}} matches one segment) are operation {@code name}, need {@code scope} (null: any
     * valid token), and commit {@code effect} (null: none) when the stub answers 2xx.
     */
    public Builder withOperation(String service, String name, String method, String pathTemplate, String scope,
        Effect effect) {
      operations.add(Operation.of(service, name, method, pathTemplate, scope, effect));
      return this;
    }

    /** Where the stored idempotent answers live; reuse it to restart on the same state. Default: a temporary one. */
    public Builder withDataDirectory(Path dataDirectory) {
      this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory");
      return this;
    }

    /** Receives one event per request, synchronously, after the answer is stored and before it is written. */
    public Builder withEventListener(ServiceEventListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** The TCP port; 0 (the default) takes any free port. */
    public Builder withPort(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("stub-service: port [" + port + "] is not a port number (0-65535)");
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
     * Checks the description, loads every stub file (a file WireMock cannot read throws {@link
     * InvalidStubException}), binds the port and starts serving.
     */
    public StubServer start() {
      check();
      Path temporary = dataDirectory == null ? temporaryDirectory() : null;
      StubRuntime runtime = StubRuntime.start(new StubRuntime.Settings(host, port, issuer, jwksUri, introspectionUri,
          temporary == null ? dataDirectory : temporary,
          java.util.Collections.unmodifiableMap(new LinkedHashMap<>(services)),
          List.copyOf(operations), listener));
      return new StubServer(runtime, temporary);
    }

    private void check() {
      if (issuer == null || jwksUri == null) {
        throw new IllegalStateException("stub-service: the identity provider is not set ([issuer] " + issuer
            + ", [jwksUri] " + jwksUri + "). For example: StubServer.builder().withIssuer(idp.issuer())"
            + ".withJwksUri(idp.jwksUri())");
      }
      if (services.isEmpty()) {
        throw new IllegalStateException("stub-service: no service declared. For example: "
            + ".withService(\"orders\", Path.of(\"stubs/orders\"))");
      }
      List<String> names = new ArrayList<>();
      for (Operation operation : operations) {
        if (!services.containsKey(operation.service())) {
          throw new IllegalArgumentException("stub-service: operation [" + operation.name() + "] calls service ["
              + operation.service() + "], which is not declared; services: " + String.join(", ", services.keySet()));
        }
        if (names.contains(operation.name())) {
          throw new IllegalArgumentException("stub-service: operation [" + operation.name() + "] is declared twice");
        }
        names.add(operation.name());
      }
    }

    private static Path temporaryDirectory() {
      try {
        return Files.createTempDirectory("crashtest-stubs-");
      } catch (IOException e) {
        throw new UncheckedIOException("stub-service: cannot create a temporary data directory; use"
            + " withDataDirectory(...)", e);
      }
    }
  }
}
