package dev.crashtest.scenarios;

import static dev.crashtest.scenarios.GateRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.catalogue.Catalogue;
import dev.crashtest.reports.ReportRun;
import dev.crashtest.scenario.RunResult;
import dev.crashtest.scenario.RunVerdict;
import dev.crashtest.scenario.Scenario;
import dev.crashtest.scenariofile.ScenarioFile;
import dev.crashtest.scenariofile.ScenarioFileException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --scenario-file} and {@code show} on the command line, with real files and nothing run: what is selected,
 * what is refused (exit 2, one line each), and what is printed.
 */
class ScenarioFileCliTest {
  static final String PINNED_CRASH = """
      name: crash-after-order-pinned
      description: Killed right after the CRM committed the order; the naive agent is known to lose the task.
      timeout: 30s
      expect: {naive: FAIL}
      faults:
        - fault: kill-agent
          when: {committed: crm.place_order}
          restart-after: 200ms
      """;
  static final String QUIET = """
      name: quiet-afternoon
      description: No faults, from a file.
      timeout: 30s
      """;

  @TempDir Path dir;

  @Test
  void scenario_and_scenario_file_together_run_both_sets_the_built_in_ones_first() throws IOException {
    Path file = write("pinned.yaml", PINNED_CRASH);

    ScenarioSelection selection = ScenarioSelection.of(List.of("happy-path"), List.of(file));

    assertThat(selection.items()).as("items").extracting(Campaign.Item::name)
        .containsExactly("happy-path", "crash-after-order-pinned");
    assertThat(selection.items().get(1).file().path()).as("the file as given").isEqualTo(file);
    assertThat(selection.sources()).as("sources").containsOnlyKeys("crash-after-order-pinned");
    assertThat(ScenarioSelection.of(List.of(), List.of(file)).items()).as("only the file's scenario")
        .extracting(Campaign.Item::name).containsExactly("crash-after-order-pinned");
    assertThat(ScenarioSelection.of(List.of(), List.of()).items()).as("neither: every built-in scenario")
        .hasSize(Catalogue.all().size());
  }

  @Test
  void a_directory_means_every_yaml_file_in_it_sorted_by_file_name() throws IOException {
    Path incidents = Files.createDirectory(dir.resolve("incidents"));
    Files.writeString(incidents.resolve("b-quiet.yaml"), QUIET);
    Files.writeString(incidents.resolve("a-pinned.yaml"), PINNED_CRASH);
    Files.writeString(incidents.resolve("notes.txt"), "not a scenario");

    ScenarioSelection selection = ScenarioSelection.of(List.of(), List.of(incidents));
    Console list = Console.capture(() -> CrashtestCli.execute("list", "--scenario-file", incidents.toString()));

    assertThat(selection.items()).as("items").extracting(Campaign.Item::name)
        .containsExactly("crash-after-order-pinned", "quiet-afternoon");
    assertThat(list.code()).as("list exit code; stderr:%n%s", list.err()).isEqualTo(0);
    assertThat(list.out()).as("list").contains(String.format("  %-38s [%s] %s%n", "crash-after-order-pinned",
        incidents.resolve("a-pinned.yaml"), "Killed right after the CRM committed the order; the naive agent is"
            + " known to lose the task."))
        .contains(String.format("  %-38s expect: naive FAIL%n", ""))
        .contains(String.format("  %-38s [%s] %s%n", "quiet-afternoon", incidents.resolve("b-quiet.yaml"),
            "No faults, from a file."));
    assertThat(list.out().indexOf("crash-after-order-pinned")).as("files after the built-in ones")
        .isGreaterThan(list.out().indexOf("crash-point-sweep"));
  }

  @Test
  void list_ends_the_line_of_a_fault_from_a_trace_with_its_span() throws IOException {
    Path file = write("incident.yaml", PINNED_CRASH + """
            source: {trace-id: 4bf92f3577b34da6a3ce929d0e0e4736, span-id: 00f067aa0ba902b7}
        """);

    Console list = Console.capture(() -> CrashtestCli.execute("list", "--scenario-file", file.toString()));

    assertThat(list.code()).as("list exit code; stderr:%n%s", list.err()).isEqualTo(0);
    assertThat(list.out()).as("list").contains(String.format("  %-38s fault: %s%n", "", "kill -9 the agent right"
        + " after the CRM committed [place_order], restart it after 200 ms (from span 00f067aa0ba902b7 of trace"
        + " 4bf92f3577b34da6a3ce929d0e0e4736)"));
  }

  @Test
  void a_malformed_file_is_exit_2_with_one_line_per_problem_and_no_stack_trace() throws IOException {
    Path bad = write("bad.yaml", """
        name: Bad Name
        timeout: soon
        faults:
          - fault: kill-agnet
        """);

    Console run = Console.capture(() -> CrashtestCli.execute("run", "--scenario-file", bad.toString(),
        "--out", dir.resolve("out").toString()));

    assertThat(run.code()).as("exit code").isEqualTo(2);
    assertThat(run.err().lines()).as("one line per problem, file:line:column: field: what, as the reader words it")
        .containsExactlyElementsOf(problems(List.of(bad))).hasSize(3)
        .allMatch(line -> line.startsWith(bad + ":"), "starts with the file")
        .allMatch(line -> line.matches(".*\\.yaml:[0-9]+:[0-9]+: .*"), "names line and column");
    assertThat(run.err()).as("no stack trace").doesNotContain("Exception", "\tat ");
    assertThat(run.out()).as("nothing started").isEmpty();
    assertThat(dir.resolve("out/report.json")).as("report").doesNotExist();
  }

  @Test
  void a_file_scenario_named_like_a_built_in_one_is_exit_2_naming_both() throws IOException {
    Path mine = write("mine.yaml", QUIET.replace("quiet-afternoon", "happy-path"));

    Console run = Console.capture(() -> CrashtestCli.execute("run", "--scenario-file", mine.toString(),
        "--out", dir.resolve("out").toString()));

    assertThat(run.code()).as("exit code").isEqualTo(2);
    assertThat(run.err()).as("error").isEqualTo("crashtest run: scenario file [" + mine + "] names its scenario"
        + " [happy-path], as the built-in scenario [happy-path] is named; give it a name of its own in the file, for"
        + " example: name: happy-path-2 (reports and reproduce commands tell scenarios apart by name)"
        + System.lineSeparator());
  }

  @Test
  void two_files_naming_one_scenario_are_exit_2_naming_both_files() throws IOException {
    Path first = write("first.yaml", QUIET);
    Path second = write("second.yaml", QUIET);

    Console run = Console.capture(() -> CrashtestCli.execute("compare", "--scenario-file", first.toString(),
        "--scenario-file", second.toString(), "--out", dir.resolve("out").toString()));

    assertThat(run.code()).as("exit code").isEqualTo(2);
    assertThat(run.err().lines()).as("error").containsExactlyElementsOf(problems(List.of(first, second)))
        .singleElement().asString().contains(first.toString(), second.toString(), "quiet-afternoon");
  }

  @Test
  void scenario_naming_a_files_scenario_says_the_file_runs_it_already() throws IOException {
    Path file = write("quiet.yaml", QUIET);

    Console run = Console.capture(() -> CrashtestCli.execute("run", "--scenario-file", file.toString(),
        "--scenario", "quiet-afternoon", "--out", dir.resolve("out").toString()));

    assertThat(run.code()).as("exit code").isEqualTo(2);
    assertThat(run.err()).as("error").isEqualTo("crashtest run: --scenario [quiet-afternoon] is the scenario of ["
        + file + "], which --scenario-file runs already; --scenario names built-in scenarios only"
        + System.lineSeparator());
  }

  @Test
  void show_prints_a_built_in_scenario_as_yaml_that_reads_back_as_the_same_scenario() {
    Console show = Console.capture(() -> CrashtestCli.execute("show", "crash-after-place-order"));

    Scenario builtIn = Catalogue.named("crash-after-place-order").orElseThrow();
    assertThat(show.code()).as("exit code; stderr:%n%s", show.err()).isEqualTo(0);
    assertThat(show.out()).as("yaml").isEqualTo(ScenarioFile.toYaml(builtIn));
    assertThat(ScenarioFile.parse("shown", show.out()).scenario()).as("read back").isEqualTo(builtIn);
  }

  @Test
  void show_of_a_file_prints_it_normalised() throws IOException {
    Path file = write("pinned.yaml", "# my incident\n" + PINNED_CRASH);

    Console show = Console.capture(() -> CrashtestCli.execute("show", "--scenario-file", file.toString()));

    assertThat(show.code()).as("exit code; stderr:%n%s", show.err()).isEqualTo(0);
    assertThat(show.out()).as("yaml").isEqualTo(ScenarioFile.toYaml(ScenarioFile.read(file).scenario()));
  }

  @Test
  void show_of_an_unknown_name_is_exit_2_with_the_closest_known_one() {
    Console show = Console.capture(() -> CrashtestCli.execute("show", "crash-after-place-ordr"));

    assertThat(show.code()).as("exit code").isEqualTo(2);
    assertThat(show.err()).as("error").startsWith("crashtest show: unknown scenario [crash-after-place-ordr]; known"
        + " scenarios: happy-path, crash-before-create-quote, ")
        .endsWith(", mcp-tool-error (did you mean crash-after-place-order?)" + System.lineSeparator());
  }

  @Test
  void show_without_a_name_or_a_file_is_exit_2_with_an_example() {
    Console show = Console.capture(() -> CrashtestCli.execute("show"));

    assertThat(show.code()).as("exit code").isEqualTo(2);
    assertThat(show.err()).as("error").isEqualTo("crashtest show: show needs a scenario name or --scenario-file;"
        + " for example: ./crashtest show crash-after-place-order" + System.lineSeparator());
  }

  @Test
  void run_of_an_unknown_built_in_name_ends_with_the_closest_known_one() {
    Console run = Console.capture(() -> CrashtestCli.execute("run", "--scenario", "crash-after-place-ordr",
        "--out", dir.resolve("out").toString()));

    assertThat(run.code()).as("exit code").isEqualTo(2);
    assertThat(run.err()).as("error").startsWith("crashtest run: unknown scenario [crash-after-place-ordr]; known"
        + " scenarios: happy-path, ").endsWith(", mcp-tool-error, crash-point-sweep (did you mean"
        + " crash-after-place-order?)" + System.lineSeparator());
  }

  @Test
  void the_reproduce_line_of_a_failed_file_scenario_names_the_file_as_given() {
    RunResult failed = run("crash-after-order-pinned", "naive", RunVerdict.FAIL);
    ReportRun.SourceFile file = new ReportRun.SourceFile("incidents/crash after order.yaml", "ab12");

    String printed = printed(out -> VerdictTable.print(List.of(failed), Map.of(failed.scenario(), file), out));

    assertThat(printed).as("verdict table").contains("  reproduce: ./crashtest run --scenario-file 'incidents/crash"
        + " after order.yaml' --agent naive --seed 42" + System.lineSeparator());
  }

  /** The problems the reader finds in {@code paths}, which the command line prints, one line each. */
  private static List<String> problems(List<Path> paths) {
    try {
      ScenarioFile.readAll(paths);
    } catch (ScenarioFileException e) {
      return e.problems();
    }
    throw new AssertionError("the reader found no problem in " + paths);
  }

  private Path write(String name, String yaml) throws IOException {
    return Files.writeString(dir.resolve(name), yaml);
  }

  private static String printed(java.util.function.Consumer<PrintStream> print) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    print.accept(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
