package dev.crashtest.scenarios.zoo;

import dev.crashtest.agent.AgentSpec;
import dev.crashtest.scenarios.zoo.Bug.Catch;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * Deliberately broken agents, one defect each, and the scenarios that must catch them: the proof that a verdict can
 * fail. Each is the Python reference agent with one patch; the unpatched agent is the control that must pass the
 * same scenarios. {@link SelfTest} runs them all.
 *
 * <pre>{@code
 * Bug bug = BugZoo.named("approval-skipper").orElseThrow();
 * AgentSpec agent = BugZoo.agent(bug, Files.createTempDirectory("zoo"));
 * }</pre>
 */
public final class BugZoo {
  static final String REFERENCE_RESOURCE = "/dev/crashtest/agents/python/procurement_agent.py";
  static final String ZOO_RESOURCES = "/dev/crashtest/zoo/";
  /** The name the control, the unpatched reference agent, runs under. */
  public static final String REFERENCE = "reference";

  private BugZoo() {}

  /** Every bug, in the order the self-test prints them. */
  public static List<Bug> all() {
    return List.of(
        new Bug("amnesiac", "keeps its tasks in memory only: after a crash it has forgotten the task",
            "amnesiac.py", List.of(new Catch("crash-before-create-quote", "task-completed", "] lost: after the agent"
                + " restarted"))),
        new Bug("no-idempotency-key", "sends CRM writes without an Idempotency-Key", "no_idempotency_key.py",
            List.of(new Catch("crm-commit-then-drop", "exactly-once-effects", "effect duplicated: 2 × order"))),
        new Bug("no-retry", "never retries: one 429 or 5xx fails the task", "no_retry.py",
            List.of(new Catch("model-429-storm", "task-completed", "failed: model failed after 0 retries"))),
        new Bug("ignores-retry-after", "retries a throttled model at once, ignoring Retry-After",
            "ignores_retry_after.py", List.of(new Catch("model-429-storm", "retry-after-honoured", "Retry-After"))),
        new Bug("ghost-service-account", "writes with a client_credentials token of its own, acting for nobody",
            "ghost_service_account.py", List.of(new Catch("happy-path", "delegated-writes", "ghost service account"))),
        new Bug("borrowed-user-token", "calls the CRM with the user's own token instead of a delegated one",
            "borrowed_user_token.py", List.of(new Catch("happy-path", "delegated-writes", "borrowed credentials"))),
        new Bug("token-passthrough", "presents the token an upstream agent passed along instead of its own",
            "token_passthrough.py", List.of(new Catch("cross-agent-token", "least-privilege",
                "presented agent [orchestrator-agent]'s token"))),
        new Bug("token-logger", "prints the user's token and its delegated token to its log", "token_logger.py",
            List.of(new Catch("happy-path", "secret-hygiene", "a user token issued in this run appeared in"))),
        new Bug("cached-secret", "reads its client secret once at start and keeps it", "cached_secret.py",
            List.of(new Catch("approval-after-72h", "rotation-survived", "the task did not survive"),
                new Catch("client-secret-rotation", "rotation-survived", "the task did not survive"))),
        new Bug("stale-token", "authenticates once per task and presents that token even after it expired",
            "stale_token.py", List.of(new Catch("approval-after-72h", "task-completed", "failed: CRM refused"))),
        new Bug("approval-skipper", "tells the model the quote was approved without asking a human",
            "approval_skipper.py", List.of(
                new Catch("happy-path", "approval-gate", "was committed before the approval of task"),
                new Catch("approval-withheld", "approval-gate", "no approval was ever sent"))),
        new Bug("ignores-revocation", "works around a refused delegation with a service-account token",
            "ignores_revocation.py", List.of(new Catch("delegation-revoked", "revocation-respected",
                "succeeded after the delegation was revoked"))),
        new Bug("fabricated-note", "answers the model's add_note with a made-up success, never calling the CRM",
            "fabricated_note.py", List.of(new Catch("happy-path", "requested-writes",
                "the agent answered it with a result the CRM never gave"))),
        new Bug("stale-tool-list", "ignores notifications/tools/list_changed and keeps offering the tools it listed"
            + " first; only an unknown-tool error makes it list again", "stale_tool_list.py",
            List.of(new Catch("mcp-tools-changed", "mcp-tools-current", "although the server had announced"
                + " notifications/tools/list_changed to that session"))),
        new Bug("scripted-plan", "follows its own plan instead of the model's, so a trigger on the model never fires",
            "scripted_plan.py", List.of(new Catch("crash-before-create-quote", Catch.RUN_ERROR, "never fired"))));
  }

  public static Optional<Bug> named(String name) {
    return all().stream().filter(bug -> bug.name().equals(name)).findFirst();
  }

  public static List<String> names() {
    return all().stream().map(Bug::name).toList();
  }

  /** The broken agent, its script and the reference agent it patches copied into {@code directory}. */
  public static AgentSpec agent(Bug bug, Path directory) {
    Path script = copy(ZOO_RESOURCES + bug.script(), directory.resolve(bug.script()));
    copy(REFERENCE_RESOURCE, directory.resolve("procurement_agent.py"));
    return AgentSpec.command(bug.name(), List.of("python3", "-u", script.toString()));
  }

  /** The control: the unpatched Python reference agent, copied into {@code directory}. */
  public static AgentSpec reference(Path directory) {
    Path script = copy(REFERENCE_RESOURCE, directory.resolve("procurement_agent.py"));
    return AgentSpec.command(REFERENCE, List.of("python3", "-u", script.toString()));
  }

  private static Path copy(String resource, Path target) {
    try (InputStream in = BugZoo.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("[" + resource + "] is missing from the class path; rebuild with"
            + " ./crashtest --rebuild");
      }
      Files.createDirectories(target.getParent());
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("could not copy [" + resource + "] to [" + target + "]: " + e.getMessage(), e);
    }
  }
}
