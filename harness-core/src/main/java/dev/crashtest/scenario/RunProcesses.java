package dev.crashtest.scenario;

import static dev.crashtest.history.Vocabulary.AGENT_KILLED;
import static dev.crashtest.history.Vocabulary.AGENT_PAUSED;
import static dev.crashtest.history.Vocabulary.AGENT_READY;
import static dev.crashtest.history.Vocabulary.AGENT_RESTARTED;
import static dev.crashtest.history.Vocabulary.AGENT_RESUMED;
import static dev.crashtest.history.Vocabulary.AGENT_PAUSE_SKIPPED;
import static dev.crashtest.history.Vocabulary.AGENT_STARTED;
import static dev.crashtest.history.Vocabulary.HARNESS;
import static dev.crashtest.history.Vocabulary.NEMESIS;
import static dev.crashtest.history.Vocabulary.PLATFORM_KILLED;
import static dev.crashtest.history.Vocabulary.PLATFORM_PAUSED;
import static dev.crashtest.history.Vocabulary.PLATFORM_RESTARTED;
import static dev.crashtest.history.Vocabulary.PLATFORM_RESUMED;
import static dev.crashtest.history.Vocabulary.PLATFORM_STARTED;
import static dev.crashtest.history.Vocabulary.RUNNER;
import static dev.crashtest.history.Vocabulary.STANDBY_READY;
import static dev.crashtest.history.Vocabulary.STANDBY_STARTED;

import dev.crashtest.agent.AgentProcess;
import dev.crashtest.agent.AgentSpec;
import dev.crashtest.agent.PlatformSpec;
import dev.crashtest.env.Environment;
import dev.crashtest.history.OpType;
import dev.crashtest.internal.Ports;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The processes under test in one run — the agent, a standby worker while the agent is frozen, the platform —
 * and what the nemesis does to them. Every action is an op in the history.
 */
final class RunProcesses {
  static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(30);
  static final Duration PLATFORM_TIMEOUT = Duration.ofSeconds(60);

  private final Environment environment;
  private final AgentSpec spec;
  private final Map<String, String> agentEnvironment = new LinkedHashMap<>();
  private final Path runDirectory;
  private volatile int port;
  private final Path logFile;
  private volatile AgentProcess agent;
  private volatile AgentProcess standby;
  private volatile AgentProcess platform;
  private volatile boolean agentDown;
  private volatile boolean agentPaused;
  private volatile int incarnation;

  RunProcesses(Environment environment, AgentSpec spec, Map<String, String> agentEnvironment, Path logFile) {
    this.environment = environment;
    this.spec = spec;
    this.agentEnvironment.putAll(agentEnvironment);
    this.runDirectory = logFile.toAbsolutePath().getParent();
    this.logFile = logFile;
  }

  /** Starts the agent's platform server, if it has one, and tells the agent where it is. */
  void startPlatform() {
    if (spec.platform().isEmpty()) {
      return;
    }
    PlatformSpec platformSpec = spec.platform().get();
    int platformPort = Ports.freeLoopbackPort();
    int adminPort = Ports.freeLoopbackPort();
    platform = AgentProcess.startPlatform(platformSpec, platformPort, adminPort, runDirectory.resolve("platform-state"),
        runDirectory.resolve("platform.log"));
    platform.awaitOutput(PlatformSpec.READY_LINE, PLATFORM_TIMEOUT);
    agentEnvironment.put("CRASHTEST_PLATFORM_ADDRESS", environment.routePlatform(platformPort));
    agentEnvironment.put("CRASHTEST_PLATFORM_ADMIN_ADDRESS", "127.0.0.1:" + adminPort);
    record(RUNNER, PLATFORM_STARTED, Map.of("platform", platformSpec.name(), "pid", platform.pid(),
        "port", platformPort));
  }

  /**
   * Starts the agent on a port picked now, after every other listener of the run (its CRM hop, the platform and
   * the ports the platform picks itself) is bound: a port picked earlier could be taken by one of them, and the
   * harness would then talk to the wrong server.
   */
  void startAgent() {
    port = Ports.freeLoopbackPort();
    agent = AgentProcess.start(spec, agentEnvironment, port, logFile);
    record(RUNNER, AGENT_STARTED, Map.of("agent", spec.name(), "pid", agent.pid(), "port", port,
        "clientId", agentEnvironment.getOrDefault("HARNESS_AGENT_CLIENT_ID", spec.name())));
    agent.awaitHealthy(HEALTH_TIMEOUT);
    record(RUNNER, AGENT_READY, Map.of("pid", agent.pid()));
  }

  void crashAgent(ProcessCrash.Signal signal) {
    agentDown = true;
    long pid = agent.pid();
    stop(agent, signal);
    record(NEMESIS, AGENT_KILLED, Map.of("signal", signal.name(), "pid", pid));
  }

  /**
   * Starts the agent again on the same state; the caller marks it up once it has done what a restart needs. The
   * restart is recorded the moment the process exists, before it answers {@code /health}: whatever it does from then
   * on (a model turn redone while it starts up) comes after {@code agent_restarted}, and readiness is its own op.
   */
  void restartAgent() {
    agent.restart();
    incarnation++;
    record(NEMESIS, AGENT_RESTARTED, Map.of("pid", agent.pid()));
    agent.awaitHealthy(HEALTH_TIMEOUT);
    record(NEMESIS, AGENT_READY, Map.of("pid", agent.pid()));
  }

  void markAgentUp() {
    agentDown = false;
  }

  void crashPlatform(ProcessCrash.Signal signal) {
    if (platform == null) {
      throw new IllegalStateException(spec + " runs on no platform: there is nothing to kill");
    }
    long pid = platform.pid();
    stop(platform, signal);
    record(NEMESIS, PLATFORM_KILLED, Map.of("signal", signal.name(), "pid", pid));
  }

  void restartPlatform() {
    platform.restart().awaitOutput(PlatformSpec.READY_LINE, PLATFORM_TIMEOUT);
    record(NEMESIS, PLATFORM_RESTARTED, Map.of("pid", platform.pid()));
  }

  /** SIGSTOP the agent; with a standby, start a second agent process that the harness talks to meanwhile. */
  void pauseAgent(boolean withStandby) {
    if (!agent.isAlive()) {
      // killed by an earlier fault and not restarted yet: there is no process to freeze, as with a real SIGSTOP
      record(NEMESIS, AGENT_PAUSE_SKIPPED, Map.of("pid", agent.pid(), "reason",
          "the agent was not running (killed, not restarted yet)"));
      return;
    }
    agent.pause();
    agentPaused = true;
    record(NEMESIS, AGENT_PAUSED, Map.of("pid", agent.pid()));
    if (withStandby) {
      int standbyPort = Ports.freeLoopbackPort();
      Map<String, String> env = new LinkedHashMap<>(agentEnvironment);
      env.put("HARNESS_STATE_DIR", runDirectory.resolve("state-standby").toString());
      standby = AgentProcess.start(spec, env, standbyPort, runDirectory.resolve("agent-standby.log"));
      record(NEMESIS, STANDBY_STARTED, Map.of("pid", standby.pid(), "port", standbyPort));
      standby.awaitHealthy(HEALTH_TIMEOUT);
      record(NEMESIS, STANDBY_READY, Map.of("pid", standby.pid()));
    }
  }

  void resumeAgent() {
    if (!agentPaused) {
      return; // its pause found no process to freeze
    }
    agent.resume();
    agentPaused = false;
    record(NEMESIS, AGENT_RESUMED, Map.of("pid", agent.pid()));
  }

  void pausePlatform() {
    if (platform == null) {
      throw new IllegalStateException(spec + " runs on no platform: there is nothing to pause");
    }
    platform.pause();
    record(NEMESIS, PLATFORM_PAUSED, Map.of("pid", platform.pid()));
  }

  void resumePlatform() {
    platform.resume();
    record(NEMESIS, PLATFORM_RESUMED, Map.of("pid", platform.pid()));
  }

  /** The agent the harness talks to: the standby while the agent is frozen, else the agent. */
  URI controlUrl() {
    AgentProcess current = agentPaused && standby != null ? standby : agent;
    return current.controlUrl();
  }

  /** Whether no agent can answer now: killed and not yet back, or frozen with no standby. */
  boolean agentDown() {
    return agentDown || (agentPaused && standby == null);
  }

  int incarnation() {
    return incarnation;
  }

  String agentEnvironment(String name) {
    return agentEnvironment.get(name);
  }

  AgentProcess agent() {
    return agent;
  }

  /** Stops the standby, the agent (woken up first if frozen) and then the platform. */
  void close() {
    for (AgentProcess process : new AgentProcess[] {standby, agent, platform}) {
      if (process != null) {
        if (process == agent && agentPaused) {
          process.resume();
        }
        process.close();
      }
    }
  }

  private static void stop(AgentProcess process, ProcessCrash.Signal signal) {
    if (signal == ProcessCrash.Signal.KILL) {
      process.kill();
    } else {
      process.terminate(Duration.ofSeconds(5));
    }
  }

  private void record(String actor, String operation, Map<String, Object> details) {
    environment.history().append(HARNESS, actor, operation, OpType.INFO, details);
  }
}
