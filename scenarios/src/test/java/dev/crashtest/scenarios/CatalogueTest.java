package dev.crashtest.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.catalogue.Catalogue;
import dev.crashtest.check.Checker;
import dev.crashtest.check.Checks;
import dev.crashtest.scenario.Scenario;
import dev.crashtest.scenarios.zoo.Bug;
import dev.crashtest.scenarios.zoo.BugZoo;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What holds for every scenario of the catalogue, and that the bug zoo names only scenarios it has. */
class CatalogueTest {

  @Test
  void every_scenario_checks_the_approval_gate_the_requested_writes_and_secret_hygiene() {
    List<String> always = Checks.always().stream().map(Checker::name).toList();
    for (Scenario scenario : Catalogue.all()) {
      assertThat(scenario.checks()).as("checks of %s", scenario).extracting(Checker::name).containsAll(always);
    }
  }

  @Test
  void approval_withheld_never_approves_and_watches_the_gate_for_three_seconds() {
    Scenario scenario = Catalogue.approvalWithheld();

    assertThat(scenario.approvalWithheldFor()).as("hold").contains(java.time.Duration.ofSeconds(3));
    assertThat(scenario.checks()).extracting(Checker::name).as("checks").doesNotContain("task-completed");
  }

  @Test
  void approval_after_72h_gives_tokens_a_life_shorter_than_its_gate() {
    Scenario scenario = Catalogue.approvalAfter72h();

    assertThat(scenario.realApprovalDelay()).as("real gate").isEqualTo(java.time.Duration.ofSeconds(3));
    assertThat(scenario.faults()).as("faults").extracting(fault -> fault.describe())
        .anyMatch(text -> text.contains("2") && text.toLowerCase().contains("token"));
  }

  @Test
  void every_scenario_the_bug_zoo_names_is_in_the_catalogue() {
    for (Bug bug : BugZoo.all()) {
      for (Bug.Catch expected : bug.catches()) {
        assertThat(Catalogue.named(expected.scenario())).as("%s's scenario", bug.name()).isPresent();
      }
    }
  }
}
