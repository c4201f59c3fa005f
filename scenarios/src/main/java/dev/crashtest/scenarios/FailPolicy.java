package dev.crashtest.scenarios;

import dev.crashtest.reports.PassK;
import dev.crashtest.scenario.RunResult;
import dev.crashtest.scenario.RunVerdict;
import dev.crashtest.scenario.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What fails a run's exit code, from {@code --fail-on}: one rule for verdicts and any of two widenings.
 *
 * <pre>
 * fail            a FAIL or ERROR of a scenario × agent fails the run (the default)
 * pass-k:0.9      a scenario × agent whose pass^k over its --repeat tries is below 0.9 fails the run
 * pass-3:0.9      the same with pass^3, estimated from more tries (--repeat 10): tolerates rare flakes
 * none            no verdict fails the run (a regression since --baseline or a broken environment still does)
 * experimental    experimental scenarios count too (by default their failures are reported, not gating)
 * skipped         a SKIPPED scenario × agent fails the run
 * </pre>
 *
 * <p>Tokens come comma-separated or in repeated options; a widening alone implies {@code fail}:
 * {@code --fail-on experimental,skipped}. ERRORs the environment caused never count here: they end in exit 3.
 * {@code pass-k:0.9} and {@code pass-k>=0.9} are the same rule; the colon form needs no quotes in a shell, where an
 * unquoted {@code >=0.9} is a redirection into a file named {@code =0.9}.
 *
 * <p>A scenario may pin the verdict an agent is known to get ({@code expect: {naive: FAIL}} in its file,
 * {@link dev.crashtest.scenario.Scenario#expectations()}): that scenario × agent is judged by its pin instead of the
 * verdict rule, strictly, as pytest judges a strict xfail. Every try got the pinned verdict: reported only
 * ("expected FAIL (pinned in the scenario)"). A try got another: it fails the run, and says what to do ("expected
 * FAIL, got PASS; the agent was fixed? drop `expect: {naive: FAIL}`"). {@code none} reports a broken pin without
 * failing the run; {@code experimental} applies as to any verdict. Cells without a pin are judged as before.
 *
 * <pre>{@code
 * FailPolicy policy = FailPolicy.parse(List.of("pass-k:0.9", "experimental"));
 * List<FailPolicy.Finding> findings = policy.judge(runs, 3, scenario -> false);   // none experimental
 * }</pre>
 */
final class FailPolicy {
  static final String VALID = "fail, pass-k:X, pass-N:X, none, experimental, skipped";
  private static final Pattern PASS_K = Pattern.compile("pass-(k|[1-9][0-9]*)(?:>=|:)(0(\\.[0-9]+)?|1(\\.0+)?)");
  private static final Pattern BARE_PASS_K = Pattern.compile("pass-(k|[1-9][0-9]*)");

  private final List<String> tokens;
  /** {@code fail}, {@code none} or a {@code pass-...:X} / {@code pass-...>=X} token as given. */
  private final String verdictRule;
  /** X of a {@code pass-...} rule as given, e.g. {@code 0.9}. */
  private final String wanted;
  private final int k;
  private final double threshold;
  private final boolean experimental;
  private final boolean skipped;

  /**
   * One scenario × agent the policy has something to say about.
   *
   * @param gating whether it fails the run; otherwise it is reported only
   */
  record Finding(String scenario, String agent, String what, boolean gating) {
    @Override
    public String toString() {
      return scenario + " × " + agent + ": " + what;
    }
  }

  private FailPolicy(List<String> tokens, String verdictRule, String wanted, int k, double threshold,
      boolean experimental, boolean skipped) {
    this.tokens = List.copyOf(tokens);
    this.verdictRule = verdictRule;
    this.wanted = wanted;
    this.k = k;
    this.threshold = threshold;
    this.experimental = experimental;
    this.skipped = skipped;
  }

  /** {@code fail}: any FAIL or ERROR of a scenario that is not experimental fails the run. */
  static FailPolicy standard() {
    return new FailPolicy(List.of("fail"), "fail", null, 0, 1.0, false, false);
  }

  /**
   * Reads {@code --fail-on} tokens (each may hold several, comma-separated); none at all is {@link #standard()}.
   *
   * @throws IllegalArgumentException naming the bad token and the valid ones
   */
  static FailPolicy parse(List<String> options) {
    List<String> tokens = new ArrayList<>();
    for (String option : options == null ? List.<String>of() : options) {
      for (String token : option.split(",", -1)) {
        tokens.add(token.trim().toLowerCase(Locale.ROOT));
      }
    }
    if (tokens.isEmpty()) {
      return standard();
    }
    String rule = null;
    String wanted = null;
    int k = 0;
    double threshold = 1.0;
    boolean experimental = false;
    boolean skipped = false;
    for (String token : tokens) {
      Matcher passK = PASS_K.matcher(token);
      if (token.equals("experimental")) {
        experimental = true;
      } else if (token.equals("skipped")) {
        skipped = true;
      } else if (token.equals("fail") || token.equals("none") || passK.matches()) {
        if (rule != null && !canonical(rule).equals(canonical(token))) {
          throw new IllegalArgumentException("--fail-on [" + rule + "] and [" + token + "] both say which verdicts"
              + " fail the run; give one of fail, pass-k:X, pass-N:X, none");
        }
        rule = token;
        if (passK.matches()) {
          k = passK.group(1).equals("k") ? 0 : Integer.parseInt(passK.group(1));
          wanted = passK.group(2);
          threshold = Double.parseDouble(wanted);
        }
      } else if (BARE_PASS_K.matcher(token).matches()) {
        throw new IllegalArgumentException("--fail-on [" + token + "] has no threshold: the shell probably took"
            + " '>=X' as a redirection into a file named '=X'; write --fail-on " + token + ":0.9, or quote it:"
            + " --fail-on '" + token + ">=0.9'");
      } else {
        throw new IllegalArgumentException("--fail-on does not know [" + token + "]; valid: " + VALID
            + " (X from 0 to 1, e.g. pass-k:0.9, or quoted: 'pass-k>=0.9')");
      }
    }
    if (rule != null && rule.equals("none") && (experimental || skipped)) {
      throw new IllegalArgumentException("--fail-on [none] fails nothing; it cannot be combined with ["
          + (experimental ? "experimental" : "skipped") + "]");
    }
    return new FailPolicy(tokens, rule == null ? "fail" : rule, wanted, k, threshold, experimental, skipped);
  }

  /** {@code pass-k>=0.9} and {@code pass-k:0.9} are one rule. */
  private static String canonical(String rule) {
    return rule.replace(">=", ":");
  }

  /** Checks the policy against the campaign's tries: {@code pass-5>=X} needs at least 5. */
  void requireTries(int repeat) {
    if (k > repeat) {
      throw new IllegalArgumentException("--fail-on [" + verdictRule + "] needs at least " + k
          + " tries per scenario × agent; got --repeat " + repeat + " (for example: --repeat " + k + ")");
    }
  }

  /** The tokens as given, e.g. {@code [pass-k:0.9, experimental]}. */
  List<String> tokens() {
    return tokens;
  }

  /**
   * The verdict a scenario pins for an agent ({@link dev.crashtest.scenario.Scenario#expectations()}), by the
   * scenario's name and the agent's.
   */
  @FunctionalInterface
  interface Expectations {
    Optional<RunVerdict> of(String scenario, String agent);

    /** No scenario pins anything. */
    static Expectations none() {
      return (scenario, agent) -> Optional.empty();
    }

    /** The pins of the scenarios {@code lookup} finds by name. */
    static Expectations of(Function<String, Optional<Scenario>> lookup) {
      return (scenario, agent) -> lookup.apply(scenario)
          .flatMap(found -> Optional.ofNullable(found.expectations().get(agent)));
    }
  }

  /** {@link #judge(List, int, Predicate, Expectations)} where no scenario pins a verdict. */
  List<Finding> judge(List<RunResult> runs, int repeat, Predicate<String> experimentalScenario) {
    return judge(runs, repeat, experimentalScenario, Expectations.none());
  }

  /**
   * What each scenario × agent of {@code runs} means for the exit code, in the order the runs came: gating
   * findings fail the run, the others are reported only. Runs the environment broke are left out. A scenario × agent
   * that {@code expected} pins a verdict for is judged by its pin.
   */
  List<Finding> judge(List<RunResult> runs, int repeat, Predicate<String> experimentalScenario,
      Expectations expected) {
    Map<List<String>, List<RunResult>> cells = new LinkedHashMap<>();
    for (RunResult run : runs) {
      if (!run.causedByEnvironment()) {
        cells.computeIfAbsent(List.of(run.scenario(), run.agent()), cell -> new ArrayList<>()).add(run);
      }
    }
    List<Finding> findings = new ArrayList<>();
    cells.forEach((cell, tries) -> {
      boolean counts = experimental || !experimentalScenario.test(cell.get(0));
      String why = counts ? "" : " (experimental: reported, not gating; --fail-on experimental gates it)";
      List<RunResult> judged = tries.stream().filter(run -> run.verdict() != RunVerdict.SKIPPED).toList();
      if (judged.isEmpty()) {
        if (skipped) {
          findings.add(new Finding(cell.get(0), cell.get(1), "SKIPPED" + why, counts));
        }
        return;
      }
      Optional<RunVerdict> pinned = expected.of(cell.get(0), cell.get(1));
      if (pinned.isPresent()) {
        findings.add(pinFinding(cell.get(0), cell.get(1), pinned.get(), judged, counts, why));
        return;
      }
      String problem = verdictProblem(judged, repeat);
      if (problem != null) {
        findings.add(new Finding(cell.get(0), cell.get(1), problem + why, counts));
      }
    });
    return findings;
  }

  /**
   * A cell judged by its pinned verdict: met, reported only; broken (any try got another verdict), gating unless
   * {@code --fail-on none} or the scenario is experimental and not counted.
   */
  private Finding pinFinding(String scenario, String agent, RunVerdict pinned, List<RunResult> judged,
      boolean counts, String why) {
    List<RunResult> off = judged.stream().filter(run -> run.verdict() != pinned).toList();
    if (off.isEmpty()) {
      return new Finding(scenario, agent, "expected " + pinned + " (pinned in the scenario)" + why, false);
    }
    Map<RunVerdict, Long> got = new java.util.EnumMap<>(RunVerdict.class);
    off.forEach(run -> got.merge(run.verdict(), 1L, Long::sum));
    String outcome = judged.size() == 1 ? off.get(0).verdict() + violations(off.get(0))
        : got.entrySet().stream().map(entry -> entry.getKey() + " in " + entry.getValue())
            .collect(java.util.stream.Collectors.joining(" and ")) + " of " + judged.size() + " tries";
    String pin = "`expect: {" + agent + ": " + pinned + "}`";
    String next = got.containsKey(RunVerdict.PASS) ? "the agent was fixed? drop " + pin
        : "the outcome pinned in the scenario changed: fix the agent, or change " + pin;
    boolean none = verdictRule.equals("none");
    return new Finding(scenario, agent, "expected " + pinned + ", got " + outcome + "; " + next + why
        + (none && counts ? " (--fail-on none: reported, not gating)" : ""), counts && !none);
  }

  /** What is wrong with a cell's judged tries under the verdict rule, or null when nothing is. */
  private String verdictProblem(List<RunResult> judged, int repeat) {
    long failed = judged.stream().filter(run -> run.verdict() == RunVerdict.FAIL).count();
    long errored = judged.stream().filter(run -> run.verdict() == RunVerdict.ERROR).count();
    long passed = judged.size() - failed - errored;
    if (verdictRule.equals("none")) {
      return null;
    }
    if (verdictRule.startsWith("pass-")) {
      int n = k == 0 ? repeat : k;
      if (judged.size() < n) {
        return null;
      }
      double passK = PassK.estimate(judged.size(), (int) passed, n);
      // C(c,k)/C(n,k) is a product of fractions: 0.7 may come out as 0.6999999999999998.
      return passK + 1e-9 >= threshold ? null : String.format(Locale.ROOT,
          "pass^%d %.2f below %s (%d of %d tries passed)", n, passK, wanted, passed, judged.size());
    }
    if (failed + errored == 0) {
      return null;
    }
    String verdict = failed > 0 ? "FAIL" : "ERROR";
    return judged.size() == 1 ? verdict + violations(judged.get(0))
        : verdict + " in " + (failed + errored) + " of " + judged.size() + " tries";
  }

  private static String violations(RunResult run) {
    List<String> checkers = run.violations().stream().map(check -> check.checker()).distinct().toList();
    return checkers.isEmpty() ? "" : " (" + String.join(", ", checkers) + ")";
  }

  @Override
  public String toString() {
    return "--fail-on " + String.join(",", tokens);
  }
}
