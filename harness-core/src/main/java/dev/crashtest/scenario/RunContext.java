package dev.crashtest.scenario;

import static dev.crashtest.history.Vocabulary.APPROVE;
import static dev.crashtest.history.Vocabulary.CRM;
import static dev.crashtest.history.Vocabulary.ENVIRONMENT_FAILED;
import static dev.crashtest.history.Vocabulary.ERROR;
import static dev.crashtest.history.Vocabulary.FAULT;
import static dev.crashtest.history.Vocabulary.FAULT_FAILED;
import static dev.crashtest.history.Vocabulary.FAULT_HEALED;
import static dev.crashtest.history.Vocabulary.FAULT_INJECTED;
import static dev.crashtest.history.Vocabulary.FAULT_MISSED;
import static dev.crashtest.history.Vocabulary.HANDOFF_TOKEN;
import static dev.crashtest.history.Vocabulary.HARNESS;
import static dev.crashtest.history.Vocabulary.KIND;
import static dev.crashtest.history.Vocabulary.NEAREST_MISS;
import static dev.crashtest.history.Vocabulary.NEMESIS;
import static dev.crashtest.history.Vocabulary.OPTIONAL;
import static dev.crashtest.history.Vocabulary.RUNNER;
import static dev.crashtest.history.Vocabulary.SPAN_ID;
import static dev.crashtest.history.Vocabulary.SUBMIT_TASK;
import static dev.crashtest.history.Vocabulary.TASK_ID;
import static dev.crashtest.history.Vocabulary.TOOL_SCOPES;
import static dev.crashtest.history.Vocabulary.TRACE_ID;
import static dev.crashtest.history.Vocabulary.TRIGGER;
import static dev.crashtest.history.Vocabulary.WRITE_TOOLS;

import dev.crashtest.agent.AgentProcess;
import dev.crashtest.agent.AgentSpec;
import dev.crashtest.env.Environment;
import dev.crashtest.env.EnvironmentException;
import dev.crashtest.fakes.InjectedFault;
import dev.crashtest.fakes.admin.AdminException;
import dev.crashtest.history.History;
import dev.crashtest.history.Op;
import dev.crashtest.history.OpType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** One run in motion: the fault schedule, the task's submission and approval, and the processes under test. */
final class RunContext implements AutoCloseable {
  static final String APPROVER = "approver@crashtest";

  final Scenario scenario;
  final Task task;
  final Environment environment;
  final History history;
  final long startIndex;
  private final RunProcesses processes;
  private final ScheduledExecutorService scheduler;
  // by identity: a scenario may hold two equal faults, and each fires and heals on its own
  private final Set<Fault> fired = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
  private final Set<Fault> healed = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
  private final Map<Fault, InjectedFault> injectedFaults = Collections.synchronizedMap(new IdentityHashMap<>());
  private final AtomicInteger crmCalls = new AtomicInteger();
  private final AtomicInteger pendingHeals = new AtomicInteger();
  final IssuedCredentials credentials = new IssuedCredentials();
  private volatile String userToken;
  private volatile String handoffToken;
  private History.Subscription subscription;

  RunContext(Scenario scenario, Task task, Environment environment, AgentSpec spec,
      Map<String, String> agentEnvironment, Path logFile) {
    this.scenario = scenario;
    this.task = task;
    this.environment = environment;
    this.history = environment.history();
    this.startIndex = history.size();
    this.processes = new RunProcesses(environment, spec, agentEnvironment, logFile);
    this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "crashtest-nemesis");
      thread.setDaemon(true);
      return thread;
    });
  }

  void startPlatform() {
    processes.startPlatform();
  }

  void startAgent() {
    processes.startAgent();
  }

  /** Subscribes the fault triggers to the history and schedules the timed ones from now. */
  void armFaults() {
    subscription = history.subscribe(this::onOp);
    for (Fault fault : scenario.faults()) {
      fault.trigger().at().ifPresent(at ->
          scheduler.schedule(() -> fire(fault), at.toMillis(), TimeUnit.MILLISECONDS));
    }
  }

  private void onOp(Op op) {
    if (op.index() < startIndex) {
      return;
    }
    int crm = op.service().equals(CRM) ? crmCalls.incrementAndGet() : crmCalls.get();
    for (Fault fault : scenario.faults()) {
      if (!fired.contains(fault)) {
        if (fault.trigger().firesOn(op, crm)) {
          fire(fault);
        }
      } else if (!healed.contains(fault) && fault.healedWhen().map(until -> until.firesOn(op, crm)).orElse(false)) {
        heal(fault);
      }
    }
  }

  private void fire(Fault fault) {
    if (!fired.add(fault)) {
      return;
    }
    record(NEMESIS, FAULT_INJECTED, OpType.INFO, faultDetails(fault));
    try {
      fault.inject(this);
    } catch (VirtualMachineError e) {
      throw e;
    } catch (RuntimeException | Error e) {
      failed(fault, e);
      return;
    }
    long healAfter = fault.healAfterMillis();
    if (healAfter >= 0) {
      pendingHeals.incrementAndGet();
      scheduler.schedule(() -> {
        try {
          heal(fault);
        } finally {
          pendingHeals.decrementAndGet();
        }
      }, healAfter, TimeUnit.MILLISECONDS);
    }
  }

  private void heal(Fault fault) {
    if (!healed.add(fault)) {
      return;
    }
    try {
      fault.heal(this);
      record(NEMESIS, FAULT_HEALED, OpType.INFO, faultDetails(fault));
    } catch (RuntimeException e) {
      record(NEMESIS, "heal_failed", OpType.FAIL, Map.of("fault", fault.describe(), "error", String.valueOf(e)));
    }
  }

  /**
   * Records that {@code fault} fired and could not be applied. A broken environment (a proxy or service that refused,
   * an {@link EnvironmentException}; a fake's admin API that refused or is gone, an {@link AdminException}) is the
   * harness's failure and is recorded as such too; anything else (a process that could not be signalled, a fault that
   * does not fit the agent) makes the run an ERROR of its own.
   */
  private void failed(Fault fault, Throwable e) {
    String error = e.getMessage() != null ? e.getMessage() : e.toString();
    Map<String, Object> details = new LinkedHashMap<>(faultDetails(fault));
    details.put(ERROR, error);
    record(NEMESIS, FAULT_FAILED, OpType.FAIL, details);
    if (e instanceof EnvironmentException || e instanceof AdminException) {
      record(RUNNER, ENVIRONMENT_FAILED, OpType.INFO, Map.of(ERROR, "fault [" + fault.describe() + "] could not be"
          + " applied: " + error));
    }
  }

  /**
   * Once the run is over (faults disarmed): records {@code fault_missed} for every fault of the scenario that never
   * fired, with what the run did instead, so the runner can tell a run that tested its faults from one that did not.
   */
  void settleFaults() {
    History own = history.since(startIndex);
    for (Fault fault : scenario.faults()) {
      if (fired.contains(fault)) {
        continue;
      }
      Map<String, Object> details = new LinkedHashMap<>(faultDetails(fault));
      details.put(TRIGGER, fault.trigger().describe());
      details.put(NEAREST_MISS, nearestMiss(fault.trigger(), own));
      details.put(OPTIONAL, fault.isOptional());
      record(RUNNER, FAULT_MISSED, OpType.INFO, details);
    }
    scenario.approvalWithheldFor().ifPresent(hold -> settleWithheldApproval(own));
  }

  /**
   * A scenario that withholds the approval tests the gate only if the gate opened: a task that never awaited
   * approval is recorded as a missed fault like any other, so the run cannot PASS having tested nothing.
   */
  private void settleWithheldApproval(History own) {
    Trigger gateOpens = Triggers.taskAwaitsApproval();
    if (own.ops().stream().anyMatch(op -> gateOpens.firesOn(op, 0))) {
      return;
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put(FAULT, "withhold the approval (the human never answers)");
    details.put(KIND, "ApprovalWithheld");
    details.put(TRIGGER, gateOpens.describe());
    details.put(NEAREST_MISS, nearestMiss(gateOpens, own));
    details.put(OPTIONAL, false);
    record(RUNNER, FAULT_MISSED, OpType.INFO, details);
  }

  /** The trigger's nearest miss; a trigger that crashes describing it must not hide that the fault never fired. */
  private static String nearestMiss(Trigger trigger, History own) {
    try {
      return String.valueOf(trigger.nearestMiss(own));
    } catch (RuntimeException e) {
      return "(the trigger could not say what the run did instead: " + e + ")";
    }
  }

  private static Map<String, Object> faultDetails(Fault fault) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put(FAULT, fault.describe());
    details.put(KIND, fault.getClass().getSimpleName());
    fault.source().ifPresent(source -> {
      details.put(TRACE_ID, source.traceId());
      details.put(SPAN_ID, source.spanId());
    });
    return details;
  }

  void keep(Fault fault, InjectedFault injected) {
    injectedFaults.put(fault, injected);
  }

  Optional<InjectedFault> injected(Fault fault) {
    return Optional.ofNullable(injectedFaults.get(fault));
  }

  void crashAgent(ProcessCrash.Signal signal) {
    processes.crashAgent(signal);
  }

  void crashPlatform(ProcessCrash.Signal signal) {
    processes.crashPlatform(signal);
  }

  void restartPlatform() {
    processes.restartPlatform();
  }

  void pauseAgent(boolean withStandby) {
    processes.pauseAgent(withStandby);
  }

  void resumeAgent() {
    processes.resumeAgent();
  }

  void pausePlatform() {
    processes.pausePlatform();
  }

  void resumePlatform() {
    processes.resumePlatform();
  }

  /** Restarts the agent and, when the scenario redelivers, submits the task again before it counts as up. */
  void restartAgent() {
    processes.restartAgent();
    if (scenario.resubmitsAfterRestart()) {
      submit();
    }
    processes.markAgentUp();
  }

  void submit() {
    if (userToken == null) {
      userToken = environment.issueUserToken(task.user());
      credentials.add(IssuedCredentials.USER_TOKEN, userToken);
      scenario.handoffFrom().ifPresent(upstream -> {
        handoffToken = UpstreamAgent.named(upstream).delegatedToken(environment, userToken);
        credentials.add(IssuedCredentials.ACCESS_TOKEN, handoffToken);
        record(RUNNER, HANDOFF_TOKEN, OpType.INFO, Map.of("from", upstream));
      });
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put(TASK_ID, task.taskId());
    details.put("goal", task.goal());
    details.put("user", task.user());
    details.put(WRITE_TOOLS, task.writeTools());
    details.put(TOOL_SCOPES, task.toolScopes());
    record(RUNNER, SUBMIT_TASK, OpType.INVOKE, details);
    AgentControl.Answer answer = control().submit(task.taskId(), task.goal(), userToken, handoffToken);
    details.put("status", answer.status());
    record(RUNNER, SUBMIT_TASK, answer.status() == 202 ? OpType.OK : OpType.FAIL, details);
  }

  /** Approves now, or after {@code delay} on the run's scheduler (a human who takes their time). */
  void approveAfter(Duration delay) {
    if (delay.isZero()) {
      approve();
      return;
    }
    pendingHeals.incrementAndGet();
    scheduler.schedule(() -> {
      try {
        approve();
      } finally {
        pendingHeals.decrementAndGet();
      }
    }, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The agent's client id at the identity provider (HARNESS_AGENT_CLIENT_ID). */
  String agentClientId() {
    return processes.agentEnvironment("HARNESS_AGENT_CLIENT_ID");
  }

  /** Gives the agent a new client secret at the identity provider and in its secret file; the old one stops working. */
  void rotateAgentSecret() {
    String clientId = agentClientId();
    Path secretFile = Path.of(processes.agentEnvironment("HARNESS_AGENT_CLIENT_SECRET_FILE"));
    String secret = environment.identityService().rotateClientSecret(clientId);
    credentials.add(IssuedCredentials.CLIENT_SECRET, secret);
    try {
      java.nio.file.Files.writeString(secretFile, secret);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("could not rewrite the secret file " + secretFile, e);
    }
  }

  /** Approves the task; the INVOKE op goes first, so what the agent does once approved comes after it. */
  void approve() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put(TASK_ID, task.taskId());
    details.put("approver", APPROVER);
    record(RUNNER, APPROVE, OpType.INVOKE, details);
    AgentControl.Answer answer = control().approve(task.taskId(), APPROVER);
    details.put("status", answer.status());
    record(RUNNER, APPROVE, answer.status() == 202 ? OpType.OK : OpType.FAIL, details);
  }

  /** The agent the harness talks to: the standby while the agent is frozen, else the agent. */
  AgentControl control() {
    return new AgentControl(processes.controlUrl());
  }

  /** Whether no agent can answer now: killed and not yet back, or frozen with no standby. */
  boolean agentDown() {
    return processes.agentDown();
  }

  int incarnation() {
    return processes.incarnation();
  }

  /** Whether a fault has fired and not yet healed (e.g. the agent is killed and waits for its restart). */
  boolean healing() {
    return pendingHeals.get() > 0;
  }

  Op record(String actor, String operation, OpType type, Map<String, Object> details) {
    return history.append(HARNESS, actor, operation, type, details);
  }

  AgentProcess agent() {
    return processes.agent();
  }

  @Override
  public void close() {
    if (subscription != null) {
      subscription.close();
    }
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(RunProcesses.HEALTH_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<Fault> stillFired;
    synchronized (fired) {
      stillFired = new ArrayList<>(fired);
    }
    for (Fault fault : stillFired) {
      if (fault.healsAtEnd()) {
        heal(fault);
      }
    }
    processes.close();
  }
}
