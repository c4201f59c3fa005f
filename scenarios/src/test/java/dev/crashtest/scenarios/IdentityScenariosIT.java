package dev.crashtest.scenarios;

import static dev.crashtest.junit.Crashtest.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.agent.AgentSpec;
import dev.crashtest.catalogue.Catalogue;
import dev.crashtest.junit.CrashtestExtension;
import dev.crashtest.junit.Seed;
import dev.crashtest.scenario.RunResult;
import dev.crashtest.scenario.RunVerdict;
import dev.crashtest.scenario.ScenarioRunner;
import dev.crashtest.scenarios.zoo.BugZoo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The identity scenarios: the reference agent passes them, and each misbehaving agent is caught by its check. */
class IdentityScenariosIT {

  @RegisterExtension
  static CrashtestExtension crashtest = CrashtestExtension.builder().withSeed(505).build();

  @Test
  void reference_agent_keeps_its_secrets_and_stays_within_its_delegation(ScenarioRunner runner, @Seed long seed) {
    RunResult result = runner.run(Catalogue.happyPath().withChecks(dev.crashtest.check.Checks.identity()),
        Agents.naive(), seed);

    assertThat(result).passed();
    assertThat(result).check("secret-hygiene").hasMessage("none of the 2 credentials the harness issued"
        + " appeared in the agent's output [agent.log], the history [history.jsonl]");
  }

  @Test
  void reference_agent_survives_client_secret_rotation(ScenarioRunner runner, @Seed long seed) {
    RunResult result = runner.run(Catalogue.clientSecretRotation(), Agents.naive(), seed);

    assertThat(result).passed();
    assertThat(result).check("rotation-survived").hasMessageStartingWith("the task completed across rotate the"
        + " agent's client secret when the agent enters [get_account] (op #");
  }

  @Test
  void reference_agent_retries_its_token_exchange_through_an_identity_provider_outage(
      ScenarioRunner runner, @Seed long seed) {
    RunResult result = runner.run(Catalogue.idpOutageDuringRefresh(), Agents.naive(), seed);

    assertThat(result).passed();
    assertThat(result.history().select(op -> op.is("identity", "token_exchange") && "outage".equals(op.text("fault"))))
        .as("exchanges refused during the outage, then retried").isNotEmpty();
  }

  @Test
  void reference_agent_survives_signing_key_rotation(ScenarioRunner runner, @Seed long seed) {
    assertThat(runner.run(Catalogue.signingKeyRotation(), Agents.naive(), seed)).passed();
  }

  @Test
  void reference_agent_ends_the_task_cleanly_when_the_signing_key_rotates_with_no_grace(
      ScenarioRunner runner, @Seed long seed) {
    RunResult result = runner.run(Catalogue.signingKeyRotationNoGrace(), Agents.naive(), seed);

    assertThat(result).passed();
    assertThat(result).check("task-ended").hasMessageStartingWith("the task failed cleanly: ")
        .hasMessageContaining("token exchange refused: HTTP 400 [invalid_grant]");
  }

  @Test
  void reference_agent_refreshes_a_token_that_expires_mid_task(ScenarioRunner runner, @Seed long seed) {
    assertThat(runner.run(Catalogue.tokenExpiryMidTask(), Agents.naive(), seed)).passed();
  }

  @Test
  void reference_agent_writes_nothing_after_the_delegation_is_revoked(ScenarioRunner runner, @Seed long seed) {
    RunResult result = runner.run(Catalogue.delegationRevoked(), Agents.naive(), seed);

    assertThat(result).passed();
    assertThat(result).check("revocation-respected")
        .hasMessageStartingWith("no CRM write succeeded after the delegation was revoked at op #");
  }

  @Test
  void reference_agent_ends_the_task_when_its_write_scope_is_withdrawn(ScenarioRunner runner, @Seed long seed) {
    RunResult result = runner.run(Catalogue.scopeWithdrawn(), Agents.naive(), seed);

    assertThat(result).passed();
    assertThat(result).check("task-ended").hasMessageStartingWith("the task failed cleanly: ")
        .hasMessageContaining("insufficient_scope");
    assertThat(result.history().select(op -> op.is("crm", "place_order")))
        .as("the order the withdrawn scope no longer allows").isNotEmpty()
        .allSatisfy(op -> assertThat(op.details()).containsEntry("status", 403));
  }

  @Test
  void reference_agent_never_presents_the_token_an_upstream_agent_passed_along(
      ScenarioRunner runner, @Seed long seed) {
    RunResult result = runner.run(Catalogue.crossAgentToken(), Agents.naive(), seed);

    assertThat(result).passed();
    assertThat(result.history().select(op -> op.is("crm", "create_quote")))
        .as("writes on the agent's own CRM address, with its own token").isNotEmpty()
        .allSatisfy(op -> assertThat(op.details()).containsEntry("presenter", "naive-agent")
            .containsEntry("agent", "naive-agent"));
    assertThat(result).check("secret-hygiene").hasMessageStartingWith("none of the 3 credentials the harness issued");
  }

  @Test
  void agent_presenting_a_token_passed_along_is_refused_by_the_crm_and_caught_by_least_privilege(
      ScenarioRunner runner, @Seed long seed, @TempDir Path dir) throws Exception {
    RunResult result = runner.run(Catalogue.crossAgentToken(), misbehaving(dir, "token-passthrough"), seed);

    assertThat(result).hasVerdict(RunVerdict.FAIL);
    assertThat(result).check("least-privilege")
        .hasMessageMatching("agent \\[token-passthrough-agent\\] presented agent"
        + " \\[orchestrator-agent\\]'s token for read \\[get_account\\] at op #\\d+ \\(refused: HTTP 401\\); .*"
        + "never present a token another agent passed along: exchange the user's token \\(RFC 8693\\) for your own");
    assertThat(result.history().select(op -> op.service().equals("crm") && op.text("method") != null))
        .as("every CRM call of the passthrough agent").isNotEmpty()
        .allSatisfy(op -> assertThat(op.details()).containsEntry("refusal", "token_of_another_agent"));
  }

  @Test
  void reference_agent_survives_a_skewed_identity_provider_clock(ScenarioRunner runner, @Seed long seed) {
    assertThat(runner.run(Catalogue.clockSkew(), Agents.naive(), seed)).passed();
  }

  @Test
  void agent_caching_its_secret_is_caught_by_rotation_survived(ScenarioRunner runner, @Seed long seed,
      @TempDir Path dir) throws Exception {
    RunResult result = runner.run(Catalogue.clientSecretRotation(), misbehaving(dir, "cached-secret"), seed);

    assertThat(result).hasVerdict(RunVerdict.FAIL);
    assertThat(result).check("rotation-survived")
        .hasMessageStartingWith("the task did not survive rotate the agent's client secret when the agent enters"
            + " [get_account] (op #")
        .hasMessageContaining("failed: token exchange refused: HTTP 401 [invalid_client]; re-read the secret file"
            + " and refetch the JWKS instead of caching them");
  }

  @Test
  void agent_logging_its_tokens_is_caught_by_secret_hygiene(ScenarioRunner runner, @Seed long seed,
      @TempDir Path dir) throws Exception {
    RunResult result = runner.run(Catalogue.happyPath().withChecks(dev.crashtest.check.Checks.identity()),
        misbehaving(dir, "token-logger"), seed);

    assertThat(result).hasVerdict(RunVerdict.FAIL);
    assertThat(result).check("secret-hygiene").hasMessageMatching("a user token issued in this run appeared in"
        + " the agent's output \\[agent\\.log\\] \\(op #\\d+\\); a delegated or service token issued in this run"
        + " appeared in the agent's output \\[agent\\.log\\] \\(op #\\d+\\); never print or log a credential:"
        + " log its token id \\(jti\\) instead");
  }

  @Test
  void agent_writing_with_the_users_token_is_caught_borrowing_credentials(ScenarioRunner runner, @Seed long seed,
      @TempDir Path dir) throws Exception {
    RunResult result = runner.run(Catalogue.happyPath().withChecks(dev.crashtest.check.Checks.identity()),
        misbehaving(dir, "borrowed-user-token"), seed);

    assertThat(result).hasVerdict(RunVerdict.FAIL);
    assertThat(result).check("delegated-writes").hasMessageMatching("write \\[create_quote\\] at op #\\d+ used a"
        + " token that names no agent \\(the user's own token: borrowed credentials\\): exchange it \\(RFC 8693\\)"
        + " first; .*");
  }

  @Test
  void agent_writing_with_a_service_account_token_is_caught_as_a_ghost(ScenarioRunner runner, @Seed long seed,
      @TempDir Path dir) throws Exception {
    RunResult result = runner.run(Catalogue.happyPath().withChecks(dev.crashtest.check.Checks.identity()),
        misbehaving(dir, "ghost-service-account"), seed);

    assertThat(result).hasVerdict(RunVerdict.FAIL);
    assertThat(result).check("delegated-writes").hasMessageMatching("write \\[create_quote\\] at op #\\d+ used the"
        + " agent's own service token for nobody \\(ghost service account\\): exchange the user's token instead; .*");
  }

  private static AgentSpec misbehaving(Path dir, String bug) {
    return BugZoo.agent(BugZoo.named(bug).orElseThrow(), dir);
  }
}
