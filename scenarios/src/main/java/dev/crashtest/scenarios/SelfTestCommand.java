package dev.crashtest.scenarios;

import dev.crashtest.catalogue.Catalogue;
import dev.crashtest.env.EnvironmentException;
import dev.crashtest.scenarios.zoo.Bug;
import dev.crashtest.scenarios.zoo.BugZoo;
import dev.crashtest.scenarios.zoo.SelfTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code crashtest self-test}: runs the bug zoo (deliberately broken agents, one defect each) against the scenarios
 * that must catch them, and the unpatched reference agent against the same scenarios. Exit 0 only when every bug is
 * caught by the right checker with the right message and the reference agent passes everything (no false alarm).
 */
@Command(name = "self-test", mixinStandardHelpOptions = true,
    description = "Proves the harness's verdicts: every broken agent of the bug zoo must be caught by the checker"
        + " that claims to catch it, and the correct agent must pass the same scenarios.")
final class SelfTestCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--bug", split = ",", paramLabel = "NAME",
      description = "Only these bugs, comma-separated (default: every bug in the zoo).")
  List<String> bugNames;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed of every run (default: 42).")
  long seed;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "crashtest-out/self-test",
      description = "Where each run's history and agent log go (default: ${DEFAULT-VALUE}).")
  Path out;

  @Override
  public Integer call() {
    List<Bug> bugs = selected();
    System.out.printf("Crashtest self-test: %d bug(s) of the zoo and the reference agent, seed %d, output %s%n%n",
        bugs.size(), seed, out.toAbsolutePath());
    SelfTest.Result result;
    try {
      result = SelfTest.of(bugs, Catalogue::named).run(seed, out, System.out);
    } catch (EnvironmentException e) {
      System.err.println("crashtest self-test: the environment could not start: " + e.getMessage());
      return CrashtestCli.EXIT_ENVIRONMENT;
    }
    System.out.println();
    SelfTestTable.print(result, System.out);
    return result.perfect() ? CrashtestCli.EXIT_PASS : CrashtestCli.EXIT_FAIL;
  }

  private List<Bug> selected() {
    if (bugNames == null) {
      return BugZoo.all();
    }
    List<Bug> bugs = new ArrayList<>();
    for (String name : bugNames) {
      bugs.add(BugZoo.named(name.strip()).orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
          "--bug [" + name + "] is not in the zoo; known: " + String.join(", ", BugZoo.names()))));
    }
    return bugs;
  }
}
