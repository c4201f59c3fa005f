package dev.crashtest.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.crashtest.agent.AgentProcess;
import dev.crashtest.agent.AgentSpec;
import dev.crashtest.check.Checks;
import dev.crashtest.check.Verdict;
import dev.crashtest.env.Environment;
import dev.crashtest.history.History;
import dev.crashtest.history.Op;
import dev.crashtest.internal.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two agent processes, each with its own client at the identity provider and its own CRM address, work in one
 * environment at the same time; the CRM's audit tells their writes apart by agent, user and token.
 */
class TwoAgentsOneEnvironmentIT {
  private static final AgentSpec NAIVE =
      AgentSpec.javaMain("naive", "dev.crashtest.agents.ProcurementAgentMain", "--runtime", "naive");

  private Environment environment;

  @BeforeEach
  void startEnvironment() {
    environment = Environment.embedded().withSeed(31L).start();
  }

  @AfterEach
  void stopEnvironment() {
    environment.close();
  }

  @Test
  void two_agents_with_their_own_identities_work_side_by_side_and_the_audit_tells_them_apart(@TempDir Path dir) throws Exception {
    int before = environment.history().size();
    Task first = Task.procurement(new Random(1));
    Task second = Task.procurement(new Random(2));
    try (AgentProcess buyer = start(environment, "buyer-agent", dir);
        AgentProcess auditor = start(environment, "auditor-agent", dir)) {
      AgentControl buyerControl = new AgentControl(buyer.controlUrl());
      AgentControl auditorControl = new AgentControl(auditor.controlUrl());
      assertThat(buyerControl.submit(first.taskId(), first.goal(), environment.issueUserToken("alice"), null)
          .status()).as("submitted to buyer-agent").isEqualTo(202);
      assertThat(auditorControl.submit(second.taskId(), second.goal(), environment.issueUserToken("bob"), null)
          .status()).as("submitted to auditor-agent").isEqualTo(202);

      await("both tasks complete").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
          .until(() -> completed(buyerControl, first) & completed(auditorControl, second));
    }

    History history = environment.history().since(before);
    List<Op> orders = history.select(op -> op.is("crm", "place_order") && op.number("status", 0) == 201);
    assertThat(orders).as("one order each, attributed to its own agent, user and address")
        .extracting(op -> op.text("agent") + " for " + op.text("user") + " on " + op.text("presenter"))
        .containsExactlyInAnyOrder("buyer-agent for alice on buyer-agent", "auditor-agent for bob on auditor-agent");
    assertThat(orders).extracting(op -> op.text("tokenId")).as("each with a token of its own").doesNotHaveDuplicates();
    assertThat(Checks.attribution().check(history).verdict()).as("attribution").isEqualTo(Verdict.PASS);
    assertThat(Checks.leastPrivilege().check(history).verdict()).as("least privilege").isEqualTo(Verdict.PASS);
  }

  /** Polls the task; approves it when it waits for approval; true once it completed. */
  private static boolean completed(AgentControl control, Task task) {
    String status = control.status(task.taskId()).field("status");
    if ("AWAITING_APPROVAL".equals(status)) {
      control.approve(task.taskId(), "manager");
    }
    return "COMPLETED".equals(status);
  }

  private static AgentProcess start(Environment environment, String clientId, Path dir) throws Exception {
    Path secret = Files.writeString(dir.resolve(clientId + ".secret"), environment.registerAgent(clientId));
    Path state = Files.createDirectories(dir.resolve(clientId + "-state"));
    int port = Ports.freeLoopbackPort();
    Map<String, String> env = new LinkedHashMap<>(environment.agentEnvironment(clientId));
    env.put("HARNESS_AGENT_CLIENT_ID", clientId);
    env.put("HARNESS_AGENT_CLIENT_SECRET_FILE", secret.toString());
    env.put("HARNESS_STATE_DIR", state.toString());
    AgentProcess agent = AgentProcess.start(NAIVE, env, port, dir.resolve(clientId + ".log"));
    agent.awaitHealthy(Duration.ofSeconds(60));
    return agent;
  }
}
