package dev.crashtest.scenario;

import static dev.crashtest.history.Vocabulary.AGENT_KILLED;
import static dev.crashtest.history.Vocabulary.AGENT_PAUSED;
import static dev.crashtest.history.Vocabulary.AGENT_RESUMED;
import static dev.crashtest.history.Vocabulary.PLATFORM_KILLED;
import static dev.crashtest.history.Vocabulary.PLATFORM_RESTARTED;
import static dev.crashtest.history.Vocabulary.PLATFORM_STARTED;
import static dev.crashtest.history.Vocabulary.STANDBY_STARTED;
import static dev.crashtest.history.Vocabulary.AGENT_RESTARTED;
import static dev.crashtest.history.Vocabulary.AGENT_STARTED;
import static dev.crashtest.history.Vocabulary.APPROVE;
import static dev.crashtest.history.Vocabulary.CRM;
import static dev.crashtest.history.Vocabulary.FAULT_HEALED;
import static dev.crashtest.history.Vocabulary.FAULT_INJECTED;
import static dev.crashtest.history.Vocabulary.HARNESS;
import static dev.crashtest.history.Vocabulary.NEMESIS;
import static dev.crashtest.history.Vocabulary.RUNNER;
import static dev.crashtest.history.Vocabulary.SUBMIT_TASK;
import static dev.crashtest.history.Vocabulary.TASK_ID;

import dev.crashtest.agent.AgentProcess;
import dev.crashtest.agent.AgentSpec;
import dev.crashtest.agent.PlatformSpec;
import dev.crashtest.env.Environment;
import dev.crashtest.fakes.InjectedFault;
import dev.crashtest.history.History;
import dev.crashtest.history.Op;
import dev.crashtest.history.OpType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The moving parts of one run: the agent process, the fault schedule, and what the harness does to the agent. */
final class RunContext implements AutoCloseable {
  static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(30);
  static final String APPROVER = "approver@crashtest";
  static final Duration PLATFORM_TIMEOUT = Duration.ofSeconds(60);

  final Scenario scenario;
  final Task task;
  final Environment environment;
  final History history;
  final long startIndex;
  private final AgentSpec spec;
  private final Map<String, String> agentEnvironment = new LinkedHashMap<>();
  private final Path runDirectory;
  private final int port;
  private final Path logFile;
  private final ScheduledExecutorService scheduler;
  private final Set<Fault> fired = ConcurrentHashMap.newKeySet();
  private final Set<Fault> healed = ConcurrentHashMap.newKeySet();
  private final Map<Fault, InjectedFault> injectedFaults = new ConcurrentHashMap<>();
  private final AtomicInteger crmCalls = new AtomicInteger();
  private final AtomicInteger pendingHeals = new AtomicInteger();
  final IssuedCredentials credentials = new IssuedCredentials();
  private volatile AgentProcess agent;
  private volatile AgentProcess standby;
  private volatile AgentProcess platform;
  private volatile boolean agentDown;
  private volatile boolean agentPaused;
  private volatile String userToken;
  private volatile int incarnation;
  private History.Subscription subscription;

  RunContext(Scenario scenario, Task task, Environment environment, AgentSpec spec,
      Map<String, String> agentEnvironment, int port, Path logFile) {
    this.scenario = scenario;
    this.task = task;
    this.environment = environment;
    this.history = environment.history();
    this.startIndex = history.size();
    this.spec = spec;
    this.agentEnvironment.putAll(agentEnvironment);
    this.runDirectory = logFile.toAbsolutePath().getParent();
    this.port = port;
    this.logFile = logFile;
    this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "crashtest-nemesis");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Starts the agent's platform server, if it has one, and tells the agent where it is. */
  void startPlatform() {
    if (spec.platform().isEmpty()) {
      return;
    }
    PlatformSpec platformSpec = spec.platform().get();
    int platformPort = ScenarioRunner.freePort();
    int adminPort = ScenarioRunner.freePort();
    AgentSpec process = AgentSpec.command(platformSpec.name(),
        platformSpec.command(platformPort, adminPort, runDirectory.resolve("platform-state")));
    platform = AgentProcess.start(process, Map.of(), platformPort, runDirectory.resolve("platform.log"));
    platform.awaitOutput(PlatformSpec.READY_LINE, PLATFORM_TIMEOUT);
    agentEnvironment.put("CRASHTEST_PLATFORM_ADDRESS", environment.routePlatform(platformPort));
    agentEnvironment.put("CRASHTEST_PLATFORM_ADMIN_ADDRESS", "127.0.0.1:" + adminPort);
    record(RUNNER, PLATFORM_STARTED, OpType.INFO,
        Map.of("platform", platformSpec.name(), "pid", platform.pid(), "port", platformPort));
  }

  void startAgent() {
    agent = AgentProcess.start(spec, agentEnvironment, port, logFile);
    agent.awaitHealthy(HEALTH_TIMEOUT);
    record(RUNNER, AGENT_STARTED, OpType.INFO, Map.of("agent", spec.name(), "pid", agent.pid(), "port", port,
        "clientId", agentEnvironment.getOrDefault("HARNESS_AGENT_CLIENT_ID", spec.name())));
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
      if (!fired.contains(fault) && fault.trigger().firesOn(op, crm)) {
        fire(fault);
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
    } catch (RuntimeException e) {
      record(NEMESIS, "fault_failed", OpType.FAIL, Map.of("fault", fault.describe(), "error", String.valueOf(e)));
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

  private static Map<String, Object> faultDetails(Fault fault) {
    return Map.of("fault", fault.describe(), "kind", fault.getClass().getSimpleName());
  }

  void keep(Fault fault, InjectedFault injected) {
    injectedFaults.put(fault, injected);
  }

  Optional<InjectedFault> injected(Fault fault) {
    return Optional.ofNullable(injectedFaults.get(fault));
  }

  void crashAgent(ProcessCrash.Signal signal) {
    agentDown = true;
    long pid = agent.pid();
    if (signal == ProcessCrash.Signal.KILL) {
      agent.kill();
    } else {
      agent.terminate(Duration.ofSeconds(5));
    }
    record(NEMESIS, AGENT_KILLED, OpType.INFO, Map.of("signal", signal.name(), "pid", pid));
  }

  void crashPlatform(ProcessCrash.Signal signal) {
    if (platform == null) {
      throw new IllegalStateException(spec + " runs on no platform: there is nothing to kill");
    }
    long pid = platform.pid();
    if (signal == ProcessCrash.Signal.KILL) {
      platform.kill();
    } else {
      platform.terminate(Duration.ofSeconds(5));
    }
    record(NEMESIS, PLATFORM_KILLED, OpType.INFO, Map.of("signal", signal.name(), "pid", pid));
  }

  void restartPlatform() {
    platform.restart().awaitOutput(PlatformSpec.READY_LINE, PLATFORM_TIMEOUT);
    record(NEMESIS, PLATFORM_RESTARTED, OpType.INFO, Map.of("pid", platform.pid()));
  }

  /** SIGSTOP the agent; with a standby, start a second agent process that the harness talks to meanwhile. */
  void pauseAgent(boolean withStandby) {
    agent.pause();
    agentPaused = true;
    record(NEMESIS, AGENT_PAUSED, OpType.INFO, Map.of("pid", agent.pid()));
    if (withStandby) {
      int standbyPort = ScenarioRunner.freePort();
      Map<String, String> env = new LinkedHashMap<>(agentEnvironment);
      env.put("HARNESS_AGENT_PORT", String.valueOf(standbyPort));
      env.put("HARNESS_STATE_DIR", runDirectory.resolve("state-standby").toString());
      standby = AgentProcess.start(spec, env, standbyPort, runDirectory.resolve("agent-standby.log"));
      standby.awaitHealthy(HEALTH_TIMEOUT);
      record(NEMESIS, STANDBY_STARTED, OpType.INFO, Map.of("pid", standby.pid(), "port", standbyPort));
    }
  }

  void resumeAgent() {
    agent.resume();
    agentPaused = false;
    record(NEMESIS, AGENT_RESUMED, OpType.INFO, Map.of("pid", agent.pid()));
  }

  void restartAgent() {
    agent.restart().awaitHealthy(HEALTH_TIMEOUT);
    incarnation++;
    record(NEMESIS, AGENT_RESTARTED, OpType.INFO, Map.of("pid", agent.pid()));
    if (scenario.resubmitsAfterRestart()) {
      submit();
    }
    agentDown = false;
  }

  void submit() {
    if (userToken == null) {
      userToken = environment.issueUserToken(task.user());
      credentials.add(IssuedCredentials.USER_TOKEN, userToken);
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put(TASK_ID, task.taskId());
    details.put("goal", task.goal());
    details.put("user", task.user());
    record(RUNNER, SUBMIT_TASK, OpType.INVOKE, details);
    AgentControl.Answer answer = control().submit(task.taskId(), task.goal(), userToken);
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
    return agentEnvironment.get("HARNESS_AGENT_CLIENT_ID");
  }

  /** Gives the agent a new client secret at the identity provider and in its secret file; the old one stops working. */
  void rotateAgentSecret() {
    String clientId = agentEnvironment.get("HARNESS_AGENT_CLIENT_ID");
    Path secretFile = Path.of(agentEnvironment.get("HARNESS_AGENT_CLIENT_SECRET_FILE"));
    String secret = environment.identityProvider().rotateClientSecret(clientId);
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
    AgentProcess current = agentPaused && standby != null ? standby : agent;
    return new AgentControl(current.controlUrl());
  }

  /** Whether no agent can answer now: killed and not yet back, or frozen with no standby. */
  boolean agentDown() {
    return agentDown || (agentPaused && standby == null);
  }

  int incarnation() {
    return incarnation;
  }

  /** Whether a fault has fired and not yet healed (e.g. the agent is killed and waits for its restart). */
  boolean healing() {
    return pendingHeals.get() > 0;
  }

  Op record(String actor, String operation, OpType type, Map<String, Object> details) {
    return history.append(HARNESS, actor, operation, type, details);
  }

  AgentProcess agent() {
    return agent;
  }

  @Override
  public void close() {
    if (subscription != null) {
      subscription.close();
    }
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(HEALTH_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Fault fault : fired) {
      if (fault.healsAtEnd()) {
        heal(fault);
      }
    }
    for (AgentProcess process : new AgentProcess[] {standby, agent, platform}) {
      if (process != null) {
        if (process == agent && agentPaused) {
          process.resume();
        }
        process.close();
      }
    }
  }
}
