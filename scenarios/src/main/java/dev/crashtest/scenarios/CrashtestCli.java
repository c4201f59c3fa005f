package dev.crashtest.scenarios;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code crashtest} command line.
 *
 * <pre>
 * ./crashtest run                                   # every scenario against the naive agent
 * ./crashtest run --scenario crash-after-place-order --agent naive --seed 42
 * ./crashtest run --scenario crash-point-sweep --agent naive   # kill the agent at every call it makes
 * ./crashtest run --agent naive,python --repeat 3    # comparison matrix with pass^3
 * ./crashtest compare                               # the standard scenarios against every agent
 * ./crashtest run --shard 1/2 --seed 42 --out s1     # one of two CI shards; then:
 * ./crashtest merge --out crashtest-out s1/report.json s2/report.json
 * ./crashtest run --fail-on pass-k:0.9 --repeat 3 --baseline last-release/report.json
 * ./crashtest list                                  # scenarios and agents
 * ./crashtest run --scenario-file incidents/ --agent naive   # the scenarios of every *.yaml in incidents/
 * ./crashtest show crash-after-place-order          # a scenario as YAML, the start of a file of one's own
 * ./crashtest clean                                 # every container and image of ours off the Docker engine
 * </pre>
 *
 * <p>Exit codes (docs/ci.md): 0 every scenario × agent met its expectations under {@code --fail-on} and none got
 * worse since {@code --baseline}; 1 one did not; 2 bad usage or configuration, one line on stderr; 3 the
 * environment could not start or broke a run (not the agent's fault).
 */
@Command(
    name = "crashtest",
    mixinStandardHelpOptions = true,
    version = "crashtest 0.1.0",
    description = "Proves whether an agent stack survives crashes, outages and credential trouble.",
    subcommands = {RunCommand.class, CompareCommand.class, MergeCommand.class, ListCommand.class, ShowCommand.class,
        CleanCommand.class, SelfTestCommand.class, ExploreCommand.class, ImportTraceCommand.class})
public final class CrashtestCli implements Runnable {
  static final int EXIT_PASS = 0;
  static final int EXIT_FAIL = 1;
  static final int EXIT_USAGE = 2;
  static final int EXIT_ENVIRONMENT = 3;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    // The embedded servers log through slf4j-simple; their start-up chatter would bury the progress lines.
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    // Ryuk is disabled on purpose (its image cannot be pulled; the harness removes its own containers, see
    // docs/containers.md): Testcontainers' warning about it would be the first line of every Docker command.
    System.setProperty("org.slf4j.simpleLogger.log.org.testcontainers.utility.ResourceReaper", "error");
    // Its search for a Docker engine logs a stack trace per strategy tried; LocalImages.requireDocker() says in one
    // line where Docker was looked for and how to start it.
    System.setProperty("org.slf4j.simpleLogger.log.org.testcontainers.dockerclient", "off");
    System.exit(execute(args));
  }

  /** Runs the command line and returns its exit code, without exiting. */
  public static int execute(String... args) {
    return new CommandLine(new CrashtestCli()).setParameterExceptionHandler(CrashtestCli::usageError).execute(args);
  }

  /**
   * A usage error is one line on standard error: the message, which names the bad value and the fix, so a CI log
   * shows it at a glance ({@code --help} has the rest); then picocli's suggestions for a mistyped option. Exit 2.
   */
  private static int usageError(CommandLine.ParameterException e, String[] args) {
    PrintWriter err = e.getCommandLine().getErr();
    err.println(e.getCommandLine().getCommandSpec().qualifiedName() + ": " + e.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
    err.flush();
    return EXIT_USAGE;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "missing command: use 'run', 'compare', 'merge', 'list' or 'show'");
  }
}
