package dev.crashtest.scenarios;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --jobs J}, shared by {@code run}, {@code compare} and {@code explore}: how many runs go at once. */
final class JobsOption {
  static final int MAX_JOBS = 16;

  @Option(names = "--jobs", paramLabel = "J", defaultValue = "1",
      description = "Run up to J runs at once, each on its own environment, ports, state and platform; verdicts,"
          + " their order and the reports are those of --jobs 1 (default: 1). Runs mostly wait, so J can exceed"
          + " the cores: 4 on 2 cores is a good start (docs/benchmarks.md).")
  int jobs;

  /** The number asked for; a usage error (exit 2) outside 1..{@value #MAX_JOBS}. */
  int jobs(CommandLine commandLine) {
    if (jobs < 1 || jobs > MAX_JOBS) {
      throw new CommandLine.ParameterException(commandLine, "--jobs takes 1 to " + MAX_JOBS + " runs at once, got ["
          + jobs + "]; for example: --jobs 4");
    }
    return jobs;
  }
}
