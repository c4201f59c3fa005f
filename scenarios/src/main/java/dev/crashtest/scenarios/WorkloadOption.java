package dev.crashtest.scenarios;

import dev.crashtest.workload.Workload;
import dev.crashtest.workload.WorkloadException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --workload NAME|DIR}: the task the agents are given. A built-in workload by name ({@code procurement}, the
 * default, or {@code support-desk}), or a directory holding a {@code workload.yaml} (docs/workloads.md).
 */
final class WorkloadOption {
  @Option(names = "--workload", paramLabel = "NAME|DIR",
      description = "The workload: a built-in one by name (procurement, the default; support-desk) or a directory"
          + " with a workload.yaml: its goal, tools, services (WireMock stubs) and model script (docs/workloads.md).")
  String workload;

  /** The workload asked for; a problem with it is one line per problem on standard error, then exit 2. */
  Workload resolve(CommandLine commandLine) {
    if (workload == null || workload.equals("procurement")) {
      return Workload.procurement();
    }
    Path directory = Path.of(workload);
    if (!Files.isDirectory(directory)) {
      return Workload.builtIn(workload).orElseThrow(() -> new CommandLine.ParameterException(commandLine,
          "--workload [" + workload + "] is neither a built-in workload (" + String.join(", ", Workload.BUILT_IN)
              + ") nor a directory with a workload.yaml" + dev.crashtest.internal.DidYouMean.hint(workload,
              Workload.BUILT_IN)));
    }
    return Workload.read(directory);
  }

  /** Prints each problem of a workload that cannot be read, and gives the usage exit code. */
  static int rejected(WorkloadException e, CommandLine commandLine) {
    java.io.PrintWriter err = commandLine.getErr();
    e.problems().forEach(err::println);
    err.flush();
    return CrashtestCli.EXIT_USAGE;
  }

  /** The arguments that select this workload again, for a reproduce line: empty for procurement. */
  String arguments() {
    return workload == null || workload.equals("procurement") ? "" : "--workload " + workload;
  }
}
