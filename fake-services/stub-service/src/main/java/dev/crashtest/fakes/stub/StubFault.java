package dev.crashtest.fakes.stub;

import dev.crashtest.fakes.faults.FaultRules;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A way the stub service misbehaves on purpose at the HTTP level, for {@link StubFaults#inject(StubFault)}: the
 * CRM's faults ({@code CrmFault}), on any operation the server was configured with. Immutable: the modifiers
 * {@link #on(String)} and {@link #forRequests(int)} return new instances.
 *
 * <pre>{@code
 * StubFault drop = StubFault.commitThenDropResponse().on("create_refund").forRequests(1);
 * try (InjectedFault injected = stubs.faults().inject(drop)) {
 *   // the next POST /refunds/refunds is answered by its stub, stored and published, then its connection closes
 * }
 * }</pre>
 *
 * <table>
 *   <caption>fault types</caption>
 *   <tr><th>factory</th><th>event/audit {@code fault}</th><th>what the client sees</th><th>effect</th></tr>
 *   <tr><td>{@link #serverError(int)}</td><td>{@code server_error}</td>
 *       <td>500/502/503/504 {@code {"error":"server_error","message":...}}</td><td>none</td></tr>
 *   <tr><td>{@link #slow(Duration)}</td><td>{@code slow}</td><td>the normal answer, {@code delay} late</td>
 *       <td>committed as usual, before the delay</td></tr>
 *   <tr><td>{@link #conflict()}</td><td>{@code conflict}</td>
 *       <td>409 {@code {"error":"conflict","message":...}}</td><td>none</td></tr>
 *   <tr><td>{@link #commitThenDropResponse()}</td><td>{@code commit_then_drop}</td>
 *       <td>the connection closes without a single response byte</td><td>committed and published</td></tr>
 * </table>
 */
public final class StubFault {

  /** The statuses {@link #serverError(int)} accepts. */
  public static final List<Integer> SERVER_ERROR_STATUSES = FaultRules.SERVER_ERROR_STATUSES;

  /** The closed set of fault types, by the name events, audit records and the admin API use. */
  public enum Type {
    SERVER_ERROR,
    SLOW,
    CONFLICT,
    COMMIT_THEN_DROP;

    /** The snake_case name, e.g. {@code commit_then_drop}. */
    public String wireName() {
      return FaultRules.wireName(this);
    }
  }

  private static final String SERVICE = "stub-service";

  private final Type type;
  private final int status;
  private final Duration delay;
  private final String operation;
  private final int requestLimit;

  private StubFault(Type type, int status, Duration delay, String operation, int requestLimit) {
    this.type = type;
    this.status = status;
    this.delay = delay;
    this.operation = operation;
    this.requestLimit = requestLimit;
  }

  /** Refuses matching requests with {@code status} before any effect. {@code status}: 500, 502, 503 or 504. */
  public static StubFault serverError(int status) {
    return new StubFault(Type.SERVER_ERROR, FaultRules.serverErrorStatus(SERVICE, status), Duration.ZERO, null, 0);
  }

  /** Serves matching requests as usual (the effect is committed at once) and answers {@code delay} later. */
  public static StubFault slow(Duration delay) {
    return new StubFault(Type.SLOW, 0, FaultRules.positiveDelay(SERVICE, delay), null, 0);
  }

  /** Refuses matching requests with 409 {@code conflict} before any effect. */
  public static StubFault conflict() {
    return new StubFault(Type.CONFLICT, 409, Duration.ZERO, null, 0);
  }

  /**
   * Serves matching requests as usual (committed, audited, event published), then closes the connection without
   * any response bytes: the client cannot tell whether its write happened. A client that retries without an
   * {@code Idempotency-Key} creates the effect twice; one that retries with the same key gets the stored answer.
   */
  public static StubFault commitThenDropResponse() {
    return new StubFault(Type.COMMIT_THEN_DROP, 0, Duration.ZERO, null, 0);
  }

  /**
   * The same fault, only for requests of {@code operation}, e.g. {@code create_refund}.
   *
   * The server refuses it on {@link StubFaults#inject(StubFault)} if it has no such operation.
   *
   * @throws IllegalArgumentException if {@code operation} is blank
   */
  public StubFault on(String operation) {
    if (operation == null || operation.isBlank()) {
      throw new IllegalArgumentException("stub-service: fault [operation] must name an operation, e.g."
          + " on(\"create_refund\")");
    }
    return new StubFault(type, status, delay, operation, requestLimit);
  }

  /** The same fault, for the next {@code n} matching requests only; then it heals itself. Default: until healed. */
  public StubFault forRequests(int n) {
    return new StubFault(type, status, delay, operation, FaultRules.requestLimit(SERVICE, n));
  }

  public Type type() {
    return type;
  }

  /** The status a refusing fault answers (500-504, 409); 0 for {@code slow} and {@code commit_then_drop}. */
  public int status() {
    return status;
  }

  /** How late {@code slow} answers; zero for the others. */
  public Duration delay() {
    return delay;
  }

  /** The only operation affected, or empty for every operation. */
  public Optional<String> operation() {
    return Optional.ofNullable(operation);
  }

  /** How many requests it affects before healing itself, or empty for "until healed". */
  public OptionalInt requestLimit() {
    return requestLimit == 0 ? OptionalInt.empty() : OptionalInt.of(requestLimit);
  }

  /** How the fault reads to a human, e.g. {@code commit then drop the response on create_refund, next 1 request}. */
  public String describe() {
    String what = switch (type) {
      case SERVER_ERROR -> status + " server_error";
      case SLOW -> "answer " + delay.toMillis() + " ms late";
      case CONFLICT -> "409 conflict";
      case COMMIT_THEN_DROP -> "commit then drop the response";
    };
    String where = operation == null ? " on every operation" : " on " + operation;
    return what + where + FaultRules.lasting(requestLimit);
  }

  /**
   * The JSON object the stub service's {@code POST /__crashtest/faults} takes for this fault, as plain values in
   * field order:
   * {@code type}, {@code status} (server error) or {@code delayMillis} (slow), then {@code operation} and {@code
   * forRequests} if set. Posting it to a stub service in another process injects a fault equal to this one.
   *
   * <pre>{@code
   * StubFault.commitThenDropResponse().on("create_refund").forRequests(1).toWire()
   * // {"type":"commit_then_drop","operation":"create_refund","forRequests":1}
   * POST /__crashtest/faults  <that>  -> 201 {"id":"f-1","description":"commit then drop the response on ..."}
   * DELETE /__crashtest/faults/f-1    -> 204, healed (404 {"error":"not_found",...} if no longer active)
   * }</pre>
   *
   * @throws IllegalArgumentException if the delay has a fraction of a millisecond, which the API cannot carry
   */
  public Map<String, Object> toWire() {
    Map<String, Object> wire = new LinkedHashMap<>();
    wire.put("type", type.wireName());
    if (type == Type.SERVER_ERROR) {
      wire.put("status", status);
    }
    if (type == Type.SLOW) {
      wire.put("delayMillis", FaultRules.wireMillis(SERVICE, delay));
    }
    if (operation != null) {
      wire.put("operation", operation);
    }
    if (requestLimit != 0) {
      wire.put("forRequests", requestLimit);
    }
    return Collections.unmodifiableMap(wire);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof StubFault that && type == that.type && status == that.status
        && delay.equals(that.delay) && Objects.equals(operation, that.operation)
        && requestLimit == that.requestLimit;
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, status, delay, operation, requestLimit);
  }

  @Override
  public String toString() {
    return "StubFault[" + describe() + "]";
  }
}
