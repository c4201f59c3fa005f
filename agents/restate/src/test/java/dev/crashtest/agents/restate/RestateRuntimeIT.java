package dev.crashtest.agents.restate;

import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.crashtest.agent.AgentProcess;
import dev.crashtest.env.Environment;
import dev.crashtest.fakes.crm.AuditRecord;
import dev.crashtest.fakes.model.ModelFault;
import dev.crashtest.history.History;
import dev.crashtest.history.Op;
import dev.crashtest.history.OpType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The procurement agent on Restate with real processes: the platform process (restate-server as its child), the
 * agent process, and the three fakes embedded. Each test kills something with SIGKILL and checks what a client of
 * the control API and the CRM's audit see.
 */
class RestateRuntimeIT {
  static final String GOAL = "Buy 5 units of LAPTOP-14 for account ACME-001.";
  static final Duration TASK_TIMEOUT = Duration.ofSeconds(90);

  /** Under target/, not a temporary directory: a failed test leaves its logs and Restate's data for inspection. */
  private Path dir;
  private Environment env;
  private AgentProcess platform;
  private AgentProcess agent;
  private Map<String, String> agentEnvironment;
  private int agentPort;
  private ControlApi control;
  private boolean passed;

  @BeforeAll
  static void installServer() throws Exception {
    RestateProcesses.ensureServerBinary();
  }

  @BeforeEach
  void startPlatformAndFakes(TestInfo test) throws Exception {
    dir = Files.createDirectories(Path.of("target", "restate-it",
        test.getTestMethod().orElseThrow().getName() + "-" + System.currentTimeMillis()).toAbsolutePath());
    env = Environment.embedded().withWorkDirectory(dir.resolve("env")).start();
    Path secret = Files.writeString(dir.resolve("agent-secret"), env.registerAgent("restate-agent") + "\n");
    int ingress = RestateProcesses.freePort();
    int admin = RestateProcesses.freePort();
    platform = RestateProcesses.startPlatform(ingress, admin, dir.resolve("platform"), dir.resolve("platform.log"));
    agentPort = RestateProcesses.freePort();
    agentEnvironment = new HashMap<>(env.agentEnvironment());
    agentEnvironment.put("HARNESS_AGENT_CLIENT_ID", "restate-agent");
    agentEnvironment.put("HARNESS_AGENT_CLIENT_SECRET_FILE", secret.toString());
    agentEnvironment.put("HARNESS_AGENT_PORT", Integer.toString(agentPort));
    agentEnvironment.put("HARNESS_STATE_DIR", Files.createDirectories(dir.resolve("agent-state")).toString());
    agentEnvironment.put("CRASHTEST_PLATFORM_ADDRESS", "127.0.0.1:" + ingress);
    agentEnvironment.put("CRASHTEST_PLATFORM_ADMIN_ADDRESS", "127.0.0.1:" + admin);
    control = new ControlApi(URI.create("http://127.0.0.1:" + agentPort));
  }

  @AfterEach
  void stopEverything() throws Exception {
    try {
      if (!passed) {
        System.out.println("--- agent log ---\n" + (agent == null ? "(not started)" : agent.logTail(60))
            + "\n--- platform log ---\n" + (platform == null ? "(not started)" : platform.logTail(20))
            + "\n--- everything, Restate's log and data included: " + dir);
      }
    } finally {
      if (agent != null) {
        agent.kill();
      }
      if (platform != null) {
        platform.close();
      }
      if (env != null) {
        env.close();
      }
      RestateProcesses.assertNoServerLeft(dir.resolve("platform"));
      if (passed) {
        RestateProcesses.deleteRecursively(dir);
      }
    }
  }

  @Test
  void restate_agent_completes_the_purchase_and_a_second_submission_starts_nothing() throws Exception {
    agent = RestateProcesses.startAgent(agentEnvironment, agentPort, dir.resolve("agent.log"));
    String token = env.issueUserToken("alice");

    assertThat(control.task("T-none").status()).as("GET of a task nobody submitted").isEqualTo(404);
    ControlApi.Answer first = control.submit("T-happy", GOAL, token);
    assertThat(first.status()).as("first POST /tasks").isEqualTo(202);
    assertThat(control.submit("T-happy", GOAL, token).status()).as("second POST /tasks, same id").isEqualTo(202);
    assertThat(workflowOutputStatus("T-happy")).as("Restate's output endpoint for a running workflow, which find()"
        + " falls back on before the workflow set its status").isNotEqualTo(404);
    approveWhenAwaiting("T-happy");
    ControlApi.Answer done = awaitCompleted("T-happy");

    assertThat(done.field("result")).as("the model's final answer").isNotBlank();
    assertThat(control.submit("T-happy", GOAL, token).field("status")).as("POST /tasks after completion")
        .isEqualTo("COMPLETED");
    assertThat(control.approve("T-happy", "alice").status()).as("approve of a completed task").isEqualTo(409);
    assertExactlyOneOfEachEffect();
    assertEveryModelTurnCalledOnce(6);
    passed = true;
  }

  @Test
  void killed_agent_resumes_after_the_committed_quote_without_resubmission_or_duplicates() throws Exception {
    agent = RestateProcesses.startAgent(agentEnvironment, agentPort, dir.resolve("agent.log"));
    AtomicBoolean killed = new AtomicBoolean();
    try (History.Subscription ignored = env.history().subscribe(onceWhenQuoteCommitted(killed, agent::kill))) {
      control.submit("T-agent-crash", GOAL, env.issueUserToken("alice"));
      await("the agent killed right after the CRM committed create_quote").atMost(TASK_TIMEOUT).untilTrue(killed);
    }
    assertThat(agent.isAlive()).as("agent alive after SIGKILL").isFalse();

    long restartedAt = env.history().elapsedMillis();
    agent.restart().awaitHealthy(RestateProcesses.AGENT_START);
    long healthyAt = env.history().elapsedMillis();
    assertThat(control.task("T-agent-crash").status()).as("GET of the task right after the restart").isEqualTo(200);
    approveWhenAwaiting("T-agent-crash");
    awaitCompleted("T-agent-crash");

    report("agent kill -9", restartedAt, healthyAt);
    assertExactlyOneOfEachEffect();
    assertEveryModelTurnCalledOnce(6);
    passed = true;
  }

  @Test
  void killed_restate_server_resumes_the_task_on_the_same_state_dir() throws Exception {
    agent = RestateProcesses.startAgent(agentEnvironment, agentPort, dir.resolve("agent.log"));
    AtomicBoolean killed = new AtomicBoolean();
    try (History.Subscription ignored = env.history().subscribe(onceWhenQuoteCommitted(killed, platform::kill))) {
      control.submit("T-platform-crash", GOAL, env.issueUserToken("alice"));
      await("the platform killed right after the CRM committed create_quote").atMost(TASK_TIMEOUT).untilTrue(killed);
    }
    RestateProcesses.assertNoServerLeft(dir.resolve("platform"));

    long restartedAt = env.history().elapsedMillis();
    platform.restart().awaitOutput(RestatePlatformMain.READY, RestateProcesses.PLATFORM_START);
    long readyAt = env.history().elapsedMillis();
    approveWhenAwaiting("T-platform-crash");
    awaitCompleted("T-platform-crash");

    report("restate-server kill -9", restartedAt, readyAt);
    assertExactlyOneOfEachEffect();
    assertEveryModelTurnCalledOnce(6);
    passed = true;
  }

  @Test
  void a_step_that_keeps_failing_fails_the_task_once_and_a_restarted_agent_still_reports_it() throws Exception {
    agent = RestateProcesses.startAgent(agentEnvironment, agentPort, dir.resolve("agent.log"));
    env.modelEndpoint().faults().inject(ModelFault.contextLengthExceeded(1));

    control.submit("T-failing", GOAL, env.issueUserToken("alice"));
    await("task [T-failing] failed").atMost(TASK_TIMEOUT).pollInterval(Duration.ofMillis(50))
        .until(() -> control.statusOf("T-failing"), "FAILED"::equals);
    agent.kill();
    agent.restart().awaitHealthy(RestateProcesses.AGENT_START);
    ControlApi.Answer failed = control.task("T-failing");

    assertThat(failed.field("status")).as("status after the restart: %s", failed.body()).isEqualTo("FAILED");
    assertThat(failed.field("error")).as("error after the restart").contains("context_length_exceeded");
    assertThat(env.history().select(op -> op.is("model", "chat_completion"))).as("model calls: a 400 is final,"
        + " and the journaled failure is not retried by Restate").hasSize(1);
    passed = true;
  }

  /** Runs {@code kill} once, when the CRM has committed the first quote, and then sets {@code killed}. */
  private static Consumer<Op> onceWhenQuoteCommitted(AtomicBoolean killed, Runnable kill) {
    AtomicBoolean fired = new AtomicBoolean();
    return op -> {
      if (op.is("crm", "create_quote") && op.type() == OpType.OK && fired.compareAndSet(false, true)) {
        kill.run(); // on the CRM's thread, before its answer is sent: the agent never sees the quote
        killed.set(true);
      }
    };
  }

  private int workflowOutputStatus(String taskId) throws Exception {
    URI output = URI.create("http://" + agentEnvironment.get("CRASHTEST_PLATFORM_ADDRESS")
        + "/restate/workflow/CrashtestProcurement/" + taskId + "/output");
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(output).GET().build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private void approveWhenAwaiting(String taskId) throws Exception {
    await("task [" + taskId + "] awaiting approval").atMost(TASK_TIMEOUT).pollInterval(Duration.ofMillis(50))
        .until(() -> control.statusOf(taskId), "AWAITING_APPROVAL"::equals);
    ControlApi.Answer approved = control.approve(taskId, "alice");
    assertThat(approved.status()).as("POST /tasks/%s/approve: %s", taskId, approved.body()).isEqualTo(202);
  }

  private ControlApi.Answer awaitCompleted(String taskId) throws Exception {
    await("task [" + taskId + "] completed").atMost(TASK_TIMEOUT).pollInterval(Duration.ofMillis(50))
        .until(() -> control.statusOf(taskId), status -> status.equals("COMPLETED") || status.equals("FAILED"));
    ControlApi.Answer answer = control.task(taskId);
    assertThat(answer.field("status")).as("final status of [%s]: %s", taskId, answer.body()).isEqualTo("COMPLETED");
    return answer;
  }

  private void assertExactlyOneOfEachEffect() {
    Map<String, Long> effects = env.crm().audit().stream()
        .map(AuditRecord::effect).filter(Objects::nonNull)
        .collect(groupingBy(AuditRecord.Effect::type, counting()));
    assertThat(effects).as("side effects in the CRM's audit").isEqualTo(Map.of("quote", 1L, "order", 1L, "note", 1L));
  }

  private void assertEveryModelTurnCalledOnce(int turns) {
    Map<Long, Long> callsPerTurn = env.history()
        .select(op -> op.is("model", "chat_completion") && op.type() == OpType.OK).stream()
        .collect(groupingBy(op -> op.number("turn", -1), counting()));
    Map<Long, Long> once = new HashMap<>();
    for (long turn = 1; turn <= turns; turn++) {
      once.put(turn, 1L);
    }
    assertThat(callsPerTurn).as("completed model calls per turn (a repeat is work redone)").isEqualTo(once);
  }

  /** Prints the recovery time: restart to ready, and restart to the next step the task made. */
  private void report(String fault, long restartedAt, long readyAt) {
    long progressAt = env.history().ops().stream()
        .filter(op -> op.timeMillis() >= restartedAt)
        .filter(op -> op.service().equals("model") || op.service().equals("crm"))
        .mapToLong(Op::timeMillis).min().orElse(-1);
    System.out.printf("recovery after %s: restart -> ready %d ms, restart -> next step %d ms%n", fault,
        readyAt - restartedAt, progressAt - restartedAt);
    assertThat(progressAt).as("a step after the restart").isGreaterThanOrEqualTo(restartedAt);
  }
}
