package dev.crashtest.scenario;

import dev.crashtest.env.Service;
import dev.crashtest.fakes.InjectedFault;
import dev.crashtest.fakes.crm.CrmFault;
import dev.crashtest.fakes.identity.IdentityFault;
import dev.crashtest.fakes.model.ModelFault;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * A fault a service applies to its own HTTP answers, where a network fault cannot reach: a model answering
 * 429 with Retry-After, a cut event stream, a CRM that commits and then drops the response, a slow token
 * endpoint.
 *
 * <pre>{@code
 * model(ModelFault.rateLimited(Duration.ofSeconds(1)).forRequests(3)).when(agentEnters("create_quote"));
 * commitThenDropResponse(CRM, "place_order");
 * }</pre>
 */
public final class ServiceFault extends Fault {
  private final Service service;
  private final String description;
  private final Function<RunContext, InjectedFault> injector;
  private final Duration lasting;
  private final Object fault;
  private final Trigger until;

  private ServiceFault(Service service, Object fault, String description, Function<RunContext, InjectedFault> injector,
      Trigger trigger, Duration lasting, boolean optional, Trigger until, TraceSource source) {
    super(trigger, optional, source);
    this.service = service;
    this.fault = fault;
    this.until = until;
    this.description = description;
    this.injector = injector;
    this.lasting = lasting;
  }

  static ServiceFault model(ModelFault fault) {
    Objects.requireNonNull(fault, "fault");
    return new ServiceFault(Service.MODEL, fault, fault.describe(),
        run -> run.environment.modelService().inject(fault), Triggers.atTime(Duration.ZERO), null, false, null,
        null);
  }

  static ServiceFault crm(CrmFault fault) {
    Objects.requireNonNull(fault, "fault");
    return new ServiceFault(Service.CRM, fault, fault.describe(),
        run -> run.environment.crmService().inject(fault), Triggers.atTime(Duration.ZERO), null, false, null,
        null);
  }

  static ServiceFault stubs(dev.crashtest.fakes.stub.StubFault fault) {
    Objects.requireNonNull(fault, "fault");
    return new ServiceFault(Service.CRM, fault, fault.describe(),
        run -> run.environment.stubServices().inject(fault), Triggers.atTime(Duration.ZERO), null, false, null,
        null);
  }

  static ServiceFault mcp(dev.crashtest.fakes.mcp.McpFault fault) {
    Objects.requireNonNull(fault, "fault");
    return new ServiceFault(Service.MCP, fault, fault.describe(), run -> {
      InjectedFault served = run.environment.mcpService().inject(fault);
      if (!(fault instanceof dev.crashtest.fakes.mcp.McpFault.RenameTool rename)) {
        return served;
      }
      InjectedFault known = run.environment.modelService().renameTool(rename.from(), rename.to());
      return new BothFaults(served, known);
    }, Triggers.atTime(Duration.ZERO), null, false, null,
        null);
  }

  /** A fault acted out by two services at once (an MCP rename: the server's list, and the model reading it). */
  private record BothFaults(InjectedFault first, InjectedFault second) implements InjectedFault {
    @Override
    public String id() {
      return first.id();
    }

    @Override
    public String description() {
      return first.description();
    }

    @Override
    public boolean active() {
      return first.active();
    }

    @Override
    public int hits() {
      return first.hits();
    }

    @Override
    public void heal() {
      first.heal();
      second.heal();
    }
  }

  static ServiceFault identity(IdentityFault fault) {
    Objects.requireNonNull(fault, "fault");
    return new ServiceFault(Service.IDENTITY, fault, fault.describe(),
        run -> run.environment.identityService().inject(fault), Triggers.atTime(Duration.ZERO), null, false, null,
        null);
  }

  /** The same fault, fired by {@code trigger}. */
  public ServiceFault when(Trigger trigger) {
    return new ServiceFault(service, fault, description, injector, trigger, lasting, isOptional(), until,
        sourceOrNull());
  }

  /**
   * The same fault, allowed not to fire: a run whose trigger never came is judged as usual, its history noting
   * {@code fault_missed} with {@code optional=true}. Without it, a fault that never fired makes the run ERROR,
   * naming it and what the run did instead. For a moment a scenario may legitimately not reach.
   *
   * <pre>{@code
   * model(ModelFault.streamCutAfter(2).forRequests(1)).when(agentEnters("add_note")).optional();
   * }</pre>
   */
  public ServiceFault optional() {
    return new ServiceFault(service, fault, description, injector, trigger(), lasting, true, until,
        sourceOrNull());
  }

  /** The same fault, healed {@code duration} after it started (it may heal sooner by itself: forRequests). */
  public ServiceFault lasting(Duration duration) {
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("lasting needs a positive duration, got [" + duration + "]");
    }
    return new ServiceFault(service, fault, description, injector, trigger(), duration, isOptional(), null,
        sourceOrNull());
  }

  /** The same fault, healed when {@code trigger} fires (it may heal sooner by itself: forRequests). */
  public ServiceFault until(Trigger trigger) {
    return new ServiceFault(service, fault, description, injector, trigger(), null, isOptional(),
        java.util.Objects.requireNonNull(trigger, "trigger"), sourceOrNull());
  }

  @Override
  public java.util.Optional<Trigger> healedWhen() {
    return java.util.Optional.ofNullable(until);
  }

  @Override
  java.util.List<Object> parameters() {
    return java.util.List.of(service, fault);
  }

  /**
   * What the service does: a {@link ModelFault}, a {@link CrmFault}, an {@link IdentityFault}, a
   * {@link dev.crashtest.fakes.mcp.McpFault}, or a {@link dev.crashtest.fakes.stub.StubFault} of a workload's stubbed
   * services.
   */
  public Object serviceFault() {
    return fault;
  }

  public Service service() {
    return service;
  }

  /** The same fault, reproducing {@code source}: the span of a production trace it was inferred from. */
  @Override
  public ServiceFault from(TraceSource source) {
    return new ServiceFault(service, fault, description, injector, trigger(), lasting, isOptional(), until,
        requireSource(source));
  }

  @Override
  String describeWithoutSource() {
    String how = until != null ? " until " + until.describe().replaceFirst("^when ", "")
        : lasting == null ? "" : " for " + lasting.toMillis() + " ms";
    String who = fault instanceof dev.crashtest.fakes.stub.StubFault ? "services" : service.id();
    return who + ": " + description + " " + trigger().describe() + how;
  }

  @Override
  void inject(RunContext run) {
    run.keep(this, injector.apply(run));
  }

  @Override
  void heal(RunContext run) {
    run.injected(this).ifPresent(InjectedFault::heal);
  }

  @Override
  long healAfterMillis() {
    return lasting == null ? -1 : lasting.toMillis();
  }

  @Override
  boolean healsAtEnd() {
    return true;
  }
}
