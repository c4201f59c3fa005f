package dev.crashtest.scenarios;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --fail-on} and {@code --baseline}, which {@code run}, {@code compare} and {@code merge} share: what fails
 * the exit code. Both are read before anything runs, so a bad value costs no time (exit 2).
 *
 * <pre>
 * ./crashtest run --fail-on pass-k:0.9,experimental --repeat 3 --baseline last-release/report.json
 * </pre>
 */
final class GateOptions {
  @Option(names = "--fail-on", paramLabel = "POLICY", split = ",",
      description = "What fails the exit code, comma-separated or repeated: 'fail' (default: a FAIL or ERROR),"
          + " 'pass-k:X' (a scenario × agent whose pass^k over --repeat tries is below X; 'pass-k>=X' quoted works"
          + " too), 'pass-N:X' (pass^N, N <= --repeat), 'none', and to widen: 'experimental' (experimental scenarios count too), 'skipped'"
          + " (a SKIPPED run fails). See docs/ci.md.")
  List<String> failOn = new ArrayList<>();

  @Option(names = "--baseline", paramLabel = "REPORT",
      description = "An earlier report.json (e.g. the last release's): print what got worse and better since, add a"
          + " 'baseline' section to report.json, and fail (exit 1) when a scenario × agent got worse.")
  Path baseline;

  /** The gate these options ask for, checked against the campaign's tries; a bad value is a usage error. */
  Gate gate(CommandLine commandLine, int repeat) {
    try {
      FailPolicy policy = FailPolicy.parse(failOn);
      policy.requireTries(repeat);
      return new Gate(policy, baseline == null ? Optional.empty() : Optional.of(Baseline.read(baseline)));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(commandLine, e.getMessage(), e);
    }
  }
}
