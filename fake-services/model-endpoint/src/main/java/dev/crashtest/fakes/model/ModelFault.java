package dev.crashtest.fakes.model;

import dev.crashtest.fakes.model.internal.ContextLengthFault;
import dev.crashtest.fakes.model.internal.DelayFault;
import dev.crashtest.fakes.model.internal.FaultKind;
import dev.crashtest.fakes.model.internal.FaultPlan;
import dev.crashtest.fakes.model.internal.MalformedJsonFault;
import dev.crashtest.fakes.model.internal.OverloadedFault;
import dev.crashtest.fakes.model.internal.RateLimitedFault;
import dev.crashtest.fakes.model.internal.ServerErrorFault;
import dev.crashtest.fakes.model.internal.SlowStreamFault;
import dev.crashtest.fakes.model.internal.StreamCutFault;
import dev.crashtest.fakes.model.internal.WrongToolArgumentsFault;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A fault of the model endpoint at the HTTP level, where a TCP proxy cannot reach: OpenAI's own errors, a cut
 * or slow event stream, broken JSON, wrong tool arguments. Immutable; the modifiers return new instances. Hand
 * it to {@link ModelFaults#inject}; it lasts until healed unless limited with {@link #forRequests}.
 *
 * <pre>{@code
 * model.faults().inject(ModelFault.rateLimited(Duration.ofSeconds(1)).forRequests(3));
 * model.faults().inject(ModelFault.wrongToolArguments(42).whenToolCall("create_quote").forRequests(1));
 * }</pre>
 *
 * <p>A fault affects only chat completions the script answers (not a 401 for a bad key, nor a 400 for a
 * malformed body). Each affected chat completion publishes its event with the detail {@code fault} set to
 * {@link #name()}, and {@code status} set to the status the client sees.
 */
public final class ModelFault {
  private final FaultPlan plan;

  private ModelFault(FaultPlan plan) {
    this.plan = plan;
  }

  private static ModelFault of(FaultKind kind) {
    return new ModelFault(FaultPlan.of(kind, FaultPlan.UNTIL_HEALED, Optional.empty()));
  }

  /** {@code 429} with {@code Retry-After} in whole seconds (rounded up) and OpenAI's {@code rate_limit_exceeded}. */
  public static ModelFault rateLimited(Duration retryAfter) {
    return of(new RateLimitedFault(retryAfter));
  }

  /** {@code 500}, {@code 502} or {@code 503} with OpenAI's {@code server_error}; other statuses are refused. */
  public static ModelFault serverError(int status) {
    return of(new ServerErrorFault(status));
  }

  /** {@code 529 {"error": {"type": "overloaded_error", "message": "Overloaded"}}}. */
  public static ModelFault overloaded() {
    return of(new OverloadedFault());
  }

  /** The normal answer, after {@code delay}: a client with a shorter timeout gives up first. */
  public static ModelFault delay(Duration delay) {
    return of(new DelayFault(delay));
  }

  /** {@code 200} whose JSON is cut in half (for a stream: the first event's JSON). */
  public static ModelFault malformedJson() {
    return of(new MalformedJsonFault());
  }

  /**
   * The connection closes after {@code chunks} server-sent events, without {@code data: [DONE]}; a plain
   * answer closes after half its body. The client sees 200, then an end of stream before the announced length.
   */
  public static ModelFault streamCutAfter(int chunks) {
    return of(new StreamCutFault(chunks));
  }

  /** The normal answer, each server-sent event {@code perChunk} after the previous (plain answers as slowly). */
  public static ModelFault slowStream(Duration perChunk) {
    return of(new SlowStreamFault(perChunk));
  }

  /**
   * OpenAI's {@code 400 context_length_exceeded}, only for requests whose estimated prompt (characters / 4)
   * exceeds {@code tokenBudget}; the others are answered normally and do not count.
   */
  public static ModelFault contextLengthExceeded(int tokenBudget) {
    return of(new ContextLengthFault(tokenBudget));
  }

  /** {@link #wrongToolArguments(long)} with seed 0. */
  public static ModelFault wrongToolArguments() {
    return wrongToolArguments(0);
  }

  /**
   * The scripted tool calls with one argument wrong but schema-valid: another existing account (ACME-001,
   * GLOBEX-002, INITECH-003, UMBRELLA-004), another SKU (LAPTOP-14, MONITOR-27, DOCK-USB-C, HEADSET-PRO),
   * another quantity of at least 1, or another id of the same shape. The same seed and conversation always
   * give the same wrong arguments. Text-only answers are left alone and do not count.
   */
  public static ModelFault wrongToolArguments(long seed) {
    return of(new WrongToolArgumentsFault(seed));
  }

  /** The same fault, affecting only the next {@code n} chat completions it applies to, then healed. */
  public ModelFault forRequests(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("model fault [" + name() + "]: forRequests(" + n + ") must be at least 1; "
          + "leave it out for a fault that lasts until healed");
    }
    return new ModelFault(FaultPlan.of(plan.kind(), n, plan.whenToolCall()));
  }

  /** The same fault, affecting only answers whose scripted tool calls include {@code tool}. */
  public ModelFault whenToolCall(String tool) {
    Objects.requireNonNull(tool, "tool");
    return new ModelFault(FaultPlan.of(plan.kind(), plan.forRequests(), Optional.of(tool)));
  }

  /** The stable snake_case name, e.g. {@code rate_limited}: the event's {@code fault} and the admin API's type. */
  public String name() {
    return plan.kind().name();
  }

  /** E.g. {@code 429 rate_limit_exceeded with Retry-After 1 s, next 3 requests}. */
  public String describe() {
    return plan.describe();
  }

  /**
   * The JSON object the endpoint's admin API takes for this fault, as plain values in field order: {@code type},
   * the factory's parameter, then {@code forRequests} and {@code whenToolCall} if set. Posting it to a model in
   * another process injects a fault equal to this one there.
   *
   * <pre>{@code
   * ModelFault.rateLimited(Duration.ofMillis(1500)).forRequests(3).whenToolCall("create_quote").toWire()
   * // {"type":"rate_limited","retryAfterSeconds":1.5,"forRequests":3,"whenToolCall":"create_quote"}
   * POST /__crashtest/faults  <that>  -> 201 {"id":"f-1","type":"rate_limited","description":"429 ..."}
   * DELETE /__crashtest/faults/f-1    -> 204, healed (404 {"error":"unknown_fault",...} if no longer active)
   * }</pre>
   *
   * <p>Fields by type: {@code rate_limited} {@code retryAfterSeconds} (whole, or with a fraction for milliseconds),
   * {@code server_error} {@code status}, {@code delay} {@code delayMillis}, {@code stream_cut} {@code chunks},
   * {@code slow_stream} {@code perChunkMillis}, {@code context_length_exceeded} {@code tokenBudget}, {@code
   * wrong_tool_arguments} {@code seed}; {@code overloaded} and {@code malformed_json} none.
   *
   * @throws IllegalArgumentException if a duration has a fraction of a millisecond, which the API cannot carry
   */
  public Map<String, Object> toWire() {
    return plan.toWire();
  }

  FaultPlan plan() {
    return plan;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ModelFault fault && fault.plan.equals(plan);
  }

  @Override
  public int hashCode() {
    return plan.hashCode();
  }

  @Override
  public String toString() {
    return "ModelFault[" + describe() + "]";
  }
}
