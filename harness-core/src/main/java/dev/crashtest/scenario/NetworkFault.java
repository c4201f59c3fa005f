package dev.crashtest.scenario;

import dev.crashtest.env.EnvironmentException;
import dev.crashtest.env.Service;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A fault on the network hops from the agent to services, made by each hop's Toxiproxy-compatible proxy:
 * an outage (the proxy refuses and drops connections) or a toxic (latency, bandwidth, timeout, reset, ...).
 * Most faults take one service; {@link Faults#disconnectAgent()} takes them all at once.
 *
 * <pre>{@code
 * outage(MODEL).when(agentEnters("create_quote")).lasting(Duration.ofSeconds(5));
 * latency(CRM, Duration.ofMillis(800)).jitter(Duration.ofMillis(200)).lasting(Duration.ofSeconds(10));
 * disconnectAgent().when(crmCommitted("create_quote")).lasting(Duration.ofSeconds(3));
 * }</pre>
 */
public final class NetworkFault extends Fault {

  /** What the proxy does. */
  public enum Kind {
    OUTAGE, LATENCY, BANDWIDTH, TIMEOUT, RESET_PEER, SLICER, LIMIT_DATA, SLOW_CLOSE
  }

  private final List<Service> services;
  private final Kind kind;
  private final long value;
  private final long extra;
  private final ToxicDirection direction;
  private final Duration lasting;
  private final Trigger until;

  private NetworkFault(List<Service> services, Kind kind, long value, long extra, ToxicDirection direction,
      Trigger trigger, Duration lasting, boolean optional, Trigger until, TraceSource source) {
    super(trigger, optional, source);
    this.until = until;
    this.services = services;
    this.kind = kind;
    this.value = value;
    this.extra = extra;
    this.direction = direction;
    this.lasting = lasting;
  }

  static NetworkFault of(Service service, Kind kind, long value, long extra) {
    return of(EnumSet.of(service), kind, value, extra);
  }

  static NetworkFault of(Set<Service> services, Kind kind, long value, long extra) {
    return new NetworkFault(List.copyOf(EnumSet.copyOf(services)), kind, value, extra, ToxicDirection.DOWNSTREAM,
        Triggers.atTime(Duration.ZERO), null, false, null, null);
  }

  /** The same fault, fired by {@code trigger}. */
  public NetworkFault when(Trigger trigger) {
    return new NetworkFault(services, kind, value, extra, direction, trigger, lasting, isOptional(), until,
        sourceOrNull());
  }

  /**
   * The same fault, allowed not to fire: a run whose trigger never came is judged as usual, its history noting
   * {@code fault_missed} with {@code optional=true}. Without it, a fault that never fired makes the run ERROR,
   * naming it and what the run did instead. For a moment a scenario may legitimately not reach.
   *
   * <pre>{@code
   * outage(MODEL).when(agentEnters("add_note")).lasting(Duration.ofSeconds(3)).optional();
   * }</pre>
   */
  public NetworkFault optional() {
    return new NetworkFault(services, kind, value, extra, direction, trigger(), lasting, true, until,
        sourceOrNull());
  }

  /** The same fault, healed {@code duration} after it started; by default it lasts until the run ends. */
  public NetworkFault lasting(Duration duration) {
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("lasting needs a positive duration, got [" + duration + "]");
    }
    return new NetworkFault(services, kind, value, extra, direction, trigger(), duration, isOptional(), null,
        sourceOrNull());
  }

  /** For latency: each connection's delay varies by up to {@code jitter} either way. */
  public NetworkFault jitter(Duration jitter) {
    if (kind != Kind.LATENCY) {
      throw new IllegalStateException("jitter applies to latency faults only, not to " + kind.name().toLowerCase());
    }
    return new NetworkFault(services, kind, value, jitter.toMillis(), direction, trigger(), lasting, isOptional(),
        until, sourceOrNull());
  }

  /** The same toxic on the client-to-service direction instead of service-to-client. */
  public NetworkFault upstream() {
    return new NetworkFault(services, kind, value, extra, ToxicDirection.UPSTREAM, trigger(), lasting, isOptional(),
        until, sourceOrNull());
  }

  /** The same fault, healed when {@code trigger} fires (or when the run ends). */
  public NetworkFault until(Trigger trigger) {
    return new NetworkFault(services, kind, value, extra, direction, trigger(), null, isOptional(),
        java.util.Objects.requireNonNull(trigger, "trigger"), sourceOrNull());
  }

  @Override
  public java.util.Optional<Trigger> healedWhen() {
    return java.util.Optional.ofNullable(until);
  }

  @Override
  List<Object> parameters() {
    return List.of(services, kind, value, extra, direction);
  }

  /** What the proxy does. */
  public Kind kind() {
    return kind;
  }

  /**
   * The toxic's main value: the delay in ms (latency, timeout, reset, slow close), KB/s (bandwidth), average bytes
   * (slicer), bytes (limit data); 0 for an outage.
   */
  public long value() {
    return value;
  }

  /** The toxic's second value: latency's jitter in ms, the slicer's delay in µs; 0 otherwise. */
  public long extra() {
    return extra;
  }

  /** Whether the toxic acts on the client-to-service direction rather than the answers. */
  public boolean isUpstream() {
    return direction == ToxicDirection.UPSTREAM;
  }

  /** The services whose hops this fault breaks, in {@link Service} order. */
  public List<Service> services() {
    return services;
  }

  /** The same fault, reproducing {@code source}: the span of a production trace it was inferred from. */
  @Override
  public NetworkFault from(TraceSource source) {
    return new NetworkFault(services, kind, value, extra, direction, trigger(), lasting, isOptional(), until,
        requireSource(source));
  }

  @Override
  String describeWithoutSource() {
    boolean everyService = services.size() == Service.values().length;
    String service = everyService ? "every service"
        : services.stream().map(Service::id).collect(Collectors.joining("+"));
    String what = switch (kind) {
      case OUTAGE -> everyService ? "agent disconnected from every service" : service + " outage";
      case LATENCY -> value + " ms latency" + (extra > 0 ? " ± " + extra + " ms" : "") + " to " + service;
      case BANDWIDTH -> service + " bandwidth " + value + " KB/s";
      case TIMEOUT -> service + " connections hang" + (value > 0 ? " and close after " + value + " ms" : "");
      case RESET_PEER -> service + " connections reset" + (value > 0 ? " after " + value + " ms" : "");
      case SLICER -> service + " data sliced into ~" + value + " byte pieces";
      case LIMIT_DATA -> service + " connections closed after " + value + " bytes";
      case SLOW_CLOSE -> service + " connections close " + value + " ms late";
    };
    String how = until != null ? " until " + until.describe().replaceFirst("^when ", "")
        : lasting == null ? " until the run ends" : " for " + lasting.toMillis() + " ms";
    return what + " " + trigger().describe() + how;
  }

  @Override
  void inject(RunContext run) {
    for (Service service : services) {
      for (Proxy proxy : run.environment.proxies(service)) {
        inject(proxy);
      }
    }
  }

  private void inject(Proxy proxy) {
    try {
      switch (kind) {
        case OUTAGE -> proxy.disable();
        case LATENCY -> proxy.toxics().latency(toxicName(), direction, value).setJitter(extra);
        case BANDWIDTH -> proxy.toxics().bandwidth(toxicName(), direction, value);
        case TIMEOUT -> proxy.toxics().timeout(toxicName(), direction, value);
        case RESET_PEER -> proxy.toxics().resetPeer(toxicName(), direction, value);
        case SLICER -> proxy.toxics().slicer(toxicName(), direction, value, extra);
        case LIMIT_DATA -> proxy.toxics().limitData(toxicName(), direction, value);
        case SLOW_CLOSE -> proxy.toxics().slowClose(toxicName(), direction, value);
      }
    } catch (IOException e) {
      // the proxy is the harness's: a run it fails under is the environment's failure, not the agent's
      throw new EnvironmentException("the fault proxy refused [" + describe() + "]: " + e.getMessage(), e);
    }
  }

  @Override
  void heal(RunContext run) {
    for (Service service : services) {
      for (Proxy proxy : run.environment.proxies(service)) {
        heal(proxy);
      }
    }
  }

  private void heal(Proxy proxy) {
    try {
      if (kind == Kind.OUTAGE) {
        proxy.enable();
      } else {
        proxy.toxics().get(toxicName()).remove();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("the fault proxy could not heal [" + describe() + "]: " + e.getMessage(), e);
    }
  }

  @Override
  long healAfterMillis() {
    return lasting == null ? -1 : lasting.toMillis();
  }

  @Override
  boolean healsAtEnd() {
    return true;
  }

  private String toxicName() {
    return "crashtest-" + kind.name().toLowerCase() + "-" + direction.name().toLowerCase() + "-"
        + Integer.toHexString(System.identityHashCode(this));
  }
}
