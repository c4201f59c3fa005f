package dev.crashtest.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.catalogue.Catalogue;
import dev.crashtest.history.Op;
import dev.crashtest.history.OpType;
import dev.crashtest.junit.CrashtestExtension;
import dev.crashtest.junit.Seed;
import dev.crashtest.reports.HtmlReport;
import dev.crashtest.scenario.RunResult;
import dev.crashtest.scenario.RunVerdict;
import dev.crashtest.scenario.ScenarioRunner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The approval is in the history, the report and the console when the human sent it: before the order it allowed. */
class ApprovalOrderIT {

  @RegisterExtension
  static CrashtestExtension crashtest = CrashtestExtension.builder().withSeed(7).build();

  @Test
  void the_approval_comes_before_the_order_it_allowed_in_history_report_and_console(ScenarioRunner runner,
      @Seed long seed, @TempDir Path out) throws Exception {
    RunResult result = runner.run(Catalogue.happyPath(), Agents.naive(), seed);
    assertThat(result.verdict()).as("verdict: %s %s", result.error(), result.violations()).isEqualTo(RunVerdict.PASS);

    Op approval = first(result, op -> op.is("harness", "approve") && op.type() == OpType.INVOKE);
    Op order = first(result, op -> op.is("crm", "place_order") && op.type() == OpType.OK);
    assertThat(approval.actor()).as("approval actor").isEqualTo("runner");
    assertThat(approval.details()).as("approval details").containsOnlyKeys("taskId", "approver")
        .containsEntry("approver", "approver@crashtest");
    assertThat(approval.index()).as("approve INVOKE (op #%d) before crm place_order (op #%d)", approval.index(),
        order.index()).isLessThan(order.index());

    String html = Files.readString(HtmlReport.write(seed, 1, List.of(result), List.of(), out));
    int approvalRow = html.indexOf("<td>approve</td><td class=\"type invoke\">INVOKE</td>");
    int orderRow = html.indexOf("<td>place_order</td><td class=\"type ok\">OK</td>");
    assertThat(approvalRow).as("the approval's row in the report's ops list").isPositive();
    assertThat(orderRow).as("the order's row in the report's ops list").isGreaterThan(approvalRow);

    ByteArrayOutputStream console = new ByteArrayOutputStream();
    PrintStream printer = new PrintStream(console, true, StandardCharsets.UTF_8);
    result.history().ops().forEach(new ProgressPrinter(printer));
    String printed = console.toString(StandardCharsets.UTF_8);
    assertThat(printed.indexOf("approved by approver@crashtest")).as("console timeline:%n%s", printed)
        .isPositive().isLessThan(printed.indexOf("crm place_order"));
  }

  private static Op first(RunResult result, java.util.function.Predicate<Op> filter) {
    return result.history().select(filter).stream().findFirst()
        .orElseThrow(() -> new AssertionError("no such op in " + result.history().ops()));
  }
}
