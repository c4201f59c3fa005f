package dev.crashtest.fakes.identity;

import dev.crashtest.fakes.faults.FaultRules;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A way the identity provider misbehaves on purpose at the HTTP level, for {@link IdentityFaults#inject}.
 * Immutable: {@link #forRequests(int)} returns a new instance.
 *
 * <pre>{@code
 * try (InjectedFault down = idp.faults().inject(IdentityFault.outage().forRequests(3))) {
 *   // the next three requests to any endpoint answer 503 {"error":"temporarily_unavailable", ...}
 * }
 * }</pre>
 *
 * <table>
 *   <caption>fault types</caption>
 *   <tr><th>factory</th><th>event detail {@code fault}</th><th>affects</th><th>what the client sees</th></tr>
 *   <tr><td>{@link #outage()}</td><td>{@code outage}</td><td>every endpoint: discovery, JWKS, token, ...</td>
 *       <td>503 {@code {"error":"temporarily_unavailable","error_description":...}}</td></tr>
 *   <tr><td>{@link #tokenEndpointError(int)}</td><td>{@code token_endpoint_error}</td><td>token requests</td>
 *       <td>the status with an OAuth error: {@code temporarily_unavailable} for 503, else {@code server_error}</td>
 *   </tr>
 *   <tr><td>{@link #slowTokenEndpoint(Duration)}</td><td>{@code slow_token_endpoint}</td><td>token requests</td>
 *       <td>the normal answer, {@code delay} late</td></tr>
 * </table>
 */
public final class IdentityFault {

  /** The statuses {@link #tokenEndpointError(int)} accepts. */
  public static final List<Integer> ERROR_STATUSES = FaultRules.SERVER_ERROR_STATUSES;

  /** The closed set of fault types, by the name events and the admin API use. */
  public enum Type {
    OUTAGE,
    TOKEN_ENDPOINT_ERROR,
    SLOW_TOKEN_ENDPOINT;

    /** The snake_case name, e.g. {@code token_endpoint_error}. */
    public String wireName() {
      return FaultRules.wireName(this);
    }
  }

  private static final String SERVICE = "identity";

  private final Type type;
  private final int status;
  private final Duration delay;
  private final int requestLimit;

  private IdentityFault(Type type, int status, Duration delay, int requestLimit) {
    this.type = type;
    this.status = status;
    this.delay = delay;
    this.requestLimit = requestLimit;
  }

  /** Every endpoint (discovery, JWKS, token and the rest) answers 503 {@code temporarily_unavailable}. */
  public static IdentityFault outage() {
    return new IdentityFault(Type.OUTAGE, 503, Duration.ZERO, 0);
  }

  /**
   * The token endpoint answers {@code status} (500, 502, 503 or 504) with an OAuth error, before authenticating
   * the client; other endpoints are unaffected.
   */
  public static IdentityFault tokenEndpointError(int status) {
    return new IdentityFault(Type.TOKEN_ENDPOINT_ERROR, FaultRules.serverErrorStatus(SERVICE, status), Duration.ZERO,
        0);
  }

  /** The token endpoint serves requests as usual, {@code delay} late; other endpoints are unaffected. */
  public static IdentityFault slowTokenEndpoint(Duration delay) {
    return new IdentityFault(Type.SLOW_TOKEN_ENDPOINT, 0, FaultRules.positiveDelay(SERVICE, delay), 0);
  }

  /** The same fault, for the next {@code n} requests it affects only; then it heals itself. Default: until healed. */
  public IdentityFault forRequests(int n) {
    return new IdentityFault(type, status, delay, FaultRules.requestLimit(SERVICE, n));
  }

  public Type type() {
    return type;
  }

  /** The status answered: 503 for an outage, the chosen one for a token endpoint error, 0 when slow. */
  public int status() {
    return status;
  }

  /** How late a slow token endpoint answers; zero for the others. */
  public Duration delay() {
    return delay;
  }

  /** How many requests it affects before healing itself, or empty for "until healed". */
  public OptionalInt requestLimit() {
    return requestLimit == 0 ? OptionalInt.empty() : OptionalInt.of(requestLimit);
  }

  /** Whether it affects requests other than token requests. */
  public boolean affectsEveryEndpoint() {
    return type == Type.OUTAGE;
  }

  /** How the fault reads to a human, e.g. {@code token endpoint answers 500 server_error, next 2 requests}. */
  public String describe() {
    String what = switch (type) {
      case OUTAGE -> "every endpoint answers 503 temporarily_unavailable";
      case TOKEN_ENDPOINT_ERROR -> "token endpoint answers " + status + " " + oauthError();
      case SLOW_TOKEN_ENDPOINT -> "token endpoint answers " + delay.toMillis() + " ms late";
    };
    return what + FaultRules.lasting(requestLimit);
  }

  /**
   * The JSON object the provider's {@code POST /__crashtest/faults} takes for this fault, as plain values in field
   * order: {@code type}, {@code status} (token endpoint error) or {@code delayMillis} (slow token endpoint), then
   * {@code forRequests} if limited. Posting it to a provider in another process injects a fault equal to this one.
   *
   * <pre>{@code
   * IdentityFault.tokenEndpointError(503).forRequests(2).toWire()
   * // {"type":"token_endpoint_error","status":503,"forRequests":2}
   * POST /__crashtest/faults  <that>  -> 201 {"id":"f-1","description":"token endpoint answers 503 ..."}
   * DELETE /__crashtest/faults/f-1    -> 204, healed (404 {"error":"not_found",...} if no longer active)
   * }</pre>
   *
   * @throws IllegalArgumentException if the delay has a fraction of a millisecond, which the API cannot carry
   */
  public Map<String, Object> toWire() {
    Map<String, Object> wire = new LinkedHashMap<>();
    wire.put("type", type.wireName());
    if (type == Type.TOKEN_ENDPOINT_ERROR) {
      wire.put("status", status);
    }
    if (type == Type.SLOW_TOKEN_ENDPOINT) {
      wire.put("delayMillis", FaultRules.wireMillis(SERVICE, delay));
    }
    if (requestLimit != 0) {
      wire.put("forRequests", requestLimit);
    }
    return Collections.unmodifiableMap(wire);
  }

  /** The OAuth {@code error} of a refusing fault: {@code temporarily_unavailable} for 503, else {@code server_error}. */
  public String oauthError() {
    return status == 503 ? "temporarily_unavailable" : "server_error";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof IdentityFault that && type == that.type && status == that.status
        && delay.equals(that.delay) && requestLimit == that.requestLimit;
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, status, delay, requestLimit);
  }

  @Override
  public String toString() {
    return "IdentityFault[" + describe() + "]";
  }
}
