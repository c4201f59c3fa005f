package dev.crashtest.agents.dbos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crashtest.env.Environment;
import dev.crashtest.fakes.crm.AuditRecord;
import dev.crashtest.history.History;
import dev.crashtest.history.OpType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The procurement agent on DBOS with real processes: PostgreSQL as {@link PostgresPlatformMain}, the agent as
 * {@code ProcurementAgentMain --runtime dbos}, the identity provider, CRM and model embedded. Each test kills what a
 * crash would kill ({@code kill -9}) and checks what the CRM and the model saw. Recovery times go to
 * {@code target/dbos-recovery.txt}.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class DbosAgentCrashIT {
  static final String CLIENT_ID = "dbos-agent";
  static final String GOAL = "Buy 5 units of LAPTOP-14 for account ACME-001.";
  static final Duration STEP_WAIT = Duration.ofSeconds(60);
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();
  private Environment env;
  private Path platformState;
  private int platformPort;
  private JavaProcess platform;
  private JavaProcess agent;
  private Map<String, String> agentEnv;
  private int platformStarts;
  private int agentStarts;

  @BeforeEach
  void startEnvironmentAndPlatform() throws Exception {
    env = Environment.embedded().withWorkDirectory(dir.resolve("env")).start();
    Path secret = Files.writeString(dir.resolve("agent-secret"), env.registerAgent(CLIENT_ID) + "\n");
    platformState = dir.resolve("platform-state");
    platformPort = JavaProcess.freePort();
    platform = startPlatform();
    agentEnv = new LinkedHashMap<>(env.agentEnvironment());
    agentEnv.put("HARNESS_AGENT_CLIENT_ID", CLIENT_ID);
    agentEnv.put("HARNESS_AGENT_CLIENT_SECRET_FILE", secret.toString());
    agentEnv.put("HARNESS_AGENT_PORT", Integer.toString(JavaProcess.freePort()));
    agentEnv.put("HARNESS_STATE_DIR", Files.createDirectories(dir.resolve("agent-state")).toString());
    agentEnv.put("CRASHTEST_PLATFORM_ADDRESS", "127.0.0.1:" + platformPort);
  }

  @AfterEach
  void stopEverything(TestInfo test) throws Exception {
    try {
      if (agent != null) {
        agent.close();
      }
      if (platform != null) {
        platform.close();
      }
    } finally {
      keepLogs(test.getTestMethod().map(method -> method.getName()).orElse("unknown"));
      env.close();
    }
    assertThat(PostgresLeftovers.runningOn(platformState)).as("postgres processes left on [%s]", platformState)
        .isEmpty();
  }

  @Test
  void completes_the_purchase_with_one_quote_one_order_and_one_note() throws Exception {
    agent = startAgent();
    submit("T-happy");

    approveWhenAwaiting("T-happy");
    JsonNode done = awaitStatus("T-happy", "COMPLETED");

    assertThat(done.path("result").asText()).as("result; agent log:\n%s", agent.log()).startsWith("Done: order ");
    assertExactlyOneQuoteOrderAndNote();
    assertThat(agent.log()).as("agent log").contains("runtime=dbos").contains("task=T-happy status=COMPLETED");
    HttpResponse<String> again = submit("T-happy");
    assertThat(JSON.readTree(again.body()).path("status").asText()).as("resubmitted completed task").isEqualTo("COMPLETED");
    assertThat(post("/tasks/T-happy/approve", "{}").body()).as("approve after completion")
        .isEqualTo("{\"error\":\"task is not awaiting approval\"}");
    HttpResponse<String> unknown = get("/tasks/T-nobody");
    assertThat(unknown.statusCode()).as("GET of an unknown task").isEqualTo(404);
    assertThat(modelCallsPerTurn()).as("chat completions per turn").containsOnlyKeys(1L, 2L, 3L, 4L, 5L, 6L)
        .allSatisfy((turn, calls) -> assertThat(calls).as("calls for turn %s", turn).isEqualTo(1));
  }

  @Test
  void agent_killed_while_awaiting_approval_still_reports_it_after_restart_and_completes_on_approval()
      throws Exception {
    agent = startAgent();
    submit("T-gate");
    awaitStatus("T-gate", "AWAITING_APPROVAL");

    agent.kill();
    long restart = System.nanoTime();
    agent = startAgent();
    long healthy = System.nanoTime();

    HttpResponse<String> known = get("/tasks/T-gate");
    assertThat(known.body()).as("GET right after the restart: the task is known from DBOS")
        .isEqualTo("{\"taskId\":\"T-gate\",\"status\":\"AWAITING_APPROVAL\"}");
    HttpResponse<String> redelivered = submit("T-gate");
    assertThat(redelivered.body()).as("the same task submitted again, as a queue would redeliver it")
        .isEqualTo("{\"taskId\":\"T-gate\",\"status\":\"AWAITING_APPROVAL\"}");
    approveWhenAwaiting("T-gate");
    awaitStatus("T-gate", "COMPLETED");

    assertExactlyOneQuoteOrderAndNote();
    assertThat(modelCallsPerTurn()).as("chat completions per turn: none made again after the restart")
        .containsOnlyKeys(1L, 2L, 3L, 4L, 5L, 6L)
        .allSatisfy((turn, calls) -> assertThat(calls).as("calls for turn %s", turn).isEqualTo(1));
    record("agent kill -9 while awaiting approval: restart->healthy (task known) " + millis(restart, healthy) + " ms");
  }

  @Test
  void agent_killed_right_after_the_crm_created_the_quote_resumes_without_repeating_completed_work() throws Exception {
    CountDownLatch killed = new CountDownLatch(1);
    try (History.Subscription crash = env.history().subscribe(op -> {
      if (op.is("crm", "create_quote") && op.type() == OpType.OK && killed.getCount() > 0) {
        killQuietly(agent); // the quote is committed, its answer not yet sent: DBOS has no checkpoint of the step
        killed.countDown();
      }
    })) {
      agent = startAgent();
      submit("T-agent-kill");
      assertThat(killed.await(STEP_WAIT.toSeconds(), TimeUnit.SECONDS)).as("the CRM created the quote").isTrue();
    }

    long restart = System.nanoTime();
    long[] healthy = new long[1];
    long firstStep = firstProgressAfter(() -> {
      agent = startAgent(); // not resubmitted: DBOS resumes it
      healthy[0] = System.nanoTime();
    });
    approveWhenAwaiting("T-agent-kill");
    awaitStatus("T-agent-kill", "COMPLETED");

    assertExactlyOneQuoteOrderAndNote();
    assertThat(env.crm().audit()).filteredOn(record -> "create_quote".equals(record.operation()))
        .as("create_quote calls: the one before the kill, and its replay after").extracting(AuditRecord::replayed)
        .containsExactly(false, true);
    assertThat(modelCallsPerTurn()).as("chat completions per turn: none made again after the restart")
        .containsOnlyKeys(1L, 2L, 3L, 4L, 5L, 6L)
        .allSatisfy((turn, calls) -> assertThat(calls).as("calls for turn %s", turn).isEqualTo(1));
    record("agent kill -9 after create_quote committed: restart->healthy "
        + millis(restart, healthy[0]) + " ms, restart->first step " + millis(restart, firstStep) + " ms");
  }

  @Test
  void postgres_killed_mid_task_and_restarted_on_the_same_state_dir_lets_the_task_complete() throws Exception {
    CountDownLatch killed = new CountDownLatch(1);
    try (History.Subscription crash = env.history().subscribe(op -> {
      if (op.is("crm", "get_account") && op.type() == OpType.OK && killed.getCount() > 0) {
        killQuietly(platform); // the agent has the account but DBOS cannot checkpoint the step
        killed.countDown();
      }
    })) {
      agent = startAgent();
      submit("T-platform-kill");
      assertThat(killed.await(STEP_WAIT.toSeconds(), TimeUnit.SECONDS)).as("the CRM read the account").isTrue();
    }
    assertThat(PostgresLeftovers.runningOn(platformState)).as("postgres after kill -9 of the platform").isEmpty();
    assertThat(awaitStatus("T-platform-kill", "RUNNING").path("status").asText())
        .as("status while PostgreSQL is down: the last one read").isEqualTo("RUNNING");

    long restart = System.nanoTime();
    long[] ready = new long[1];
    long firstStep = firstProgressAfter(() -> {
      platform = startPlatform();
      ready[0] = System.nanoTime();
    });
    approveWhenAwaiting("T-platform-kill");
    awaitStatus("T-platform-kill", "COMPLETED");

    assertExactlyOneQuoteOrderAndNote();
    assertThat(agent.process().isAlive()).as("the agent survived the platform's crash").isTrue();
    record("platform (postgres) kill -9 after get_account: restart->ready " + millis(restart, ready[0])
        + " ms, restart->first step " + millis(restart, firstStep) + " ms, ready->first step "
        + millis(ready[0], firstStep) + " ms");
  }

  /** Copies the processes' logs to {@code target/dbos-it-logs/<test>/}: the temporary directory is deleted. */
  private void keepLogs(String testName) throws IOException {
    Path target = Files.createDirectories(Path.of("target", "dbos-it-logs", testName));
    try (var logs = Files.list(dir)) {
      for (Path log : logs.filter(path -> path.toString().endsWith(".log")).toList()) {
        Files.copy(log, target.resolve(log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Path postgresLog = platformState.resolve("postgres.log");
    if (Files.exists(postgresLog)) {
      Files.copy(postgresLog, target.resolve("postgres.log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private JavaProcess startPlatform() throws IOException {
    JavaProcess started = JavaProcess.start("dev.crashtest.agents.dbos.PostgresPlatformMain",
        List.of("--port", Integer.toString(platformPort), "--admin-port", "0", "--state-dir", platformState.toString()),
        Map.of(), dir.resolve("platform-" + (++platformStarts) + ".log"));
    started.awaitOutput(PostgresPlatformMain.READY, STEP_WAIT);
    return started;
  }

  private JavaProcess startAgent() throws IOException {
    JavaProcess started = JavaProcess.start("dev.crashtest.agents.ProcurementAgentMain", List.of("--runtime", "dbos"),
        agentEnv, dir.resolve("agent-" + (++agentStarts) + ".log"));
    await("agent answers GET /health with 200").atMost(STEP_WAIT).pollInterval(Duration.ofMillis(50))
        .ignoreExceptions()
        .until(() -> {
          if (!started.process().isAlive()) {
            throw new AssertionError("the agent exited with status " + started.process().exitValue() + ":\n"
                + started.log());
          }
          return get("/health").statusCode() == 200;
        });
    return started;
  }

  /** Runs {@code restart}, then waits for the next model or CRM call: the moment work goes on. */
  private long firstProgressAfter(ThrowingRunnable restart) throws Exception {
    AtomicLong first = new AtomicLong();
    try (History.Subscription progress = env.history().subscribe(op -> {
      if (op.service().equals("model") || op.service().equals("crm")) {
        first.compareAndSet(0, System.nanoTime());
      }
    })) {
      restart.run();
      await("a model or CRM call after the restart").atMost(STEP_WAIT).until(() -> first.get() != 0);
    }
    return first.get();
  }

  private HttpResponse<String> submit(String taskId) throws Exception {
    String body = JSON.createObjectNode().put("taskId", taskId).put("goal", GOAL)
        .put("userToken", env.issueUserToken("alice")).toString();
    HttpResponse<String> submitted = post("/tasks", body);
    assertThat(submitted.statusCode()).as("POST /tasks: %s; agent log:\n%s", submitted.body(), agent.log())
        .isEqualTo(202);
    return submitted;
  }

  private void approveWhenAwaiting(String taskId) throws Exception {
    awaitStatus(taskId, "AWAITING_APPROVAL");
    HttpResponse<String> approved = post("/tasks/" + taskId + "/approve", "{\"approver\":\"bob\"}");
    assertThat(approved.statusCode()).as("POST /tasks/%s/approve: %s", taskId, approved.body()).isEqualTo(202);
  }

  private JsonNode awaitStatus(String taskId, String wanted) {
    JsonNode[] last = new JsonNode[1];
    await("task [" + taskId + "] reaches " + wanted).atMost(STEP_WAIT).pollInterval(Duration.ofMillis(100))
        .ignoreExceptionsMatching(e -> e instanceof IOException)
        .until(() -> {
          HttpResponse<String> answer = get("/tasks/" + taskId);
          last[0] = JSON.readTree(answer.body());
          String status = last[0].path("status").asText();
          if (answer.statusCode() == 404 || status.equals("FAILED")) {
            throw new AssertionError("task [" + taskId + "]: " + answer.statusCode() + " " + answer.body()
                + "; agent log:\n" + agent.log());
          }
          return status.equals(wanted);
        });
    return last[0];
  }

  private void assertExactlyOneQuoteOrderAndNote() {
    assertThat(env.crm().audit()).filteredOn(record -> record.effect() != null)
        .extracting(record -> record.effect().type()).as("CRM side effects")
        .containsExactly("quote", "order", "note");
  }

  private Map<Long, Long> modelCallsPerTurn() {
    return env.history().select(op -> op.is("model", "chat_completion") && op.type() == OpType.OK).stream()
        .collect(Collectors.groupingBy(op -> op.number("turn", -1), Collectors.counting()));
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(agentUrl(path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(agentUrl(path)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private URI agentUrl(String path) {
    return URI.create("http://127.0.0.1:" + agentEnv.get("HARNESS_AGENT_PORT") + path);
  }

  private static void killQuietly(JavaProcess process) {
    try {
      process.kill();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static long millis(long from, long to) {
    return TimeUnit.NANOSECONDS.toMillis(to - from);
  }

  private static void record(String measurement) throws IOException {
    System.out.println("dbos recovery: " + measurement);
    Files.writeString(Path.of("target", "dbos-recovery.txt"), measurement + System.lineSeparator(),
        StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  @FunctionalInterface
  private interface ThrowingRunnable {
    void run() throws Exception;
  }
}
