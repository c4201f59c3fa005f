package dev.crashtest.scenarios;

import dev.crashtest.internal.DidYouMean;
import dev.crashtest.catalogue.Catalogue;
import dev.crashtest.scenario.CrashPoint;
import dev.crashtest.scenario.CrashPointSweep;
import dev.crashtest.scenario.Scenario;
import dev.crashtest.scenariofile.ScenarioFile;
import dev.crashtest.scenariofile.ScenarioFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code crashtest show}: a scenario as a scenario file, the starting point of one's own.
 *
 * <pre>
 * ./crashtest show crash-after-place-order > incidents/my-crash.yaml   # a built-in scenario as YAML
 * ./crashtest show --scenario-file incidents/my-crash.yaml            # the file as it reads, normalised
 * ./crashtest show 'crash-point-sweep[crm:place_order#1]'              # one run of the crash-point sweep
 * </pre>
 */
@Command(name = "show", mixinStandardHelpOptions = true,
    description = "Prints a scenario as YAML, in the format of --scenario-file: a built-in one by name, or the"
        + " scenarios of --scenario-file as they read (normalised).")
final class ShowCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "NAME",
      description = "The scenario to show: a built-in one ('crashtest list'), a run of the crash-point sweep such as"
          + " 'crash-point-sweep[crm:place_order#1]', or one of --scenario-file's.")
  String name;

  @Option(names = "--scenario-file", paramLabel = "PATH",
      description = "Show this file's scenario as it reads, normalised (with NAME: only the scenario of that name);"
          + " a directory means every *.yaml in it. Repeatable.")
  List<Path> scenarioFiles = new ArrayList<>();

  @Override
  public Integer call() {
    if (name == null && scenarioFiles.isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "show needs a scenario name or --scenario-file;"
          + " for example: ./crashtest show crash-after-place-order");
    }
    List<ScenarioFile> files;
    try {
      files = ScenarioSelection.read(scenarioFiles);
    } catch (ScenarioFileException e) {
      return ScenarioSelection.rejected(e, spec.commandLine());
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    List<Scenario> shown = name == null ? files.stream().map(ScenarioFile::scenario).toList()
        : List.of(named(name.trim(), files));
    for (int i = 0; i < shown.size(); i++) {
      if (i > 0) {
        System.out.println("---");
      }
      String yaml = ScenarioFile.toYaml(shown.get(i));
      System.out.print(yaml.endsWith("\n") ? yaml : yaml + "\n");
    }
    System.out.flush();
    return CrashtestCli.EXIT_PASS;
  }

  /** The scenario called {@code wanted}: a file's, a built-in one, or a run of the crash-point sweep. */
  private Scenario named(String wanted, List<ScenarioFile> files) {
    Optional<Scenario> fromFile = files.stream().map(ScenarioFile::scenario)
        .filter(scenario -> scenario.name().equals(wanted)).findFirst();
    if (fromFile.isPresent()) {
      return fromFile.get();
    }
    if (wanted.equals(CrashPointSweep.CLEAN_RUN)) {
      return CrashPointSweep.standard().cleanRun();
    }
    Optional<CrashPoint> point = CrashPointSweep.pointOf(wanted);
    if (point.isPresent()) {
      return CrashPointSweep.standard().crashingAt(point.get());
    }
    if (wanted.equals(CrashPointSweep.NAME)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "[" + CrashPointSweep.NAME + "] is not one"
          + " scenario but one run per call a clean run finds; show one of its runs, for example: ./crashtest show"
          + " '" + CrashPointSweep.CLEAN_RUN + "' or ./crashtest show 'crash-point-sweep[crm:place_order#1]'");
    }
    List<String> known = new ArrayList<>(Catalogue.names());
    files.forEach(file -> known.add(file.scenario().name()));
    return Catalogue.named(wanted).orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
        ScenarioSelection.unknown(wanted, known) + DidYouMean.hint(wanted, known)));
  }
}
