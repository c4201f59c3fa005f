package dev.crashtest.scenariofile;

import dev.crashtest.check.Checker;
import dev.crashtest.check.Checks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Checks as a scenario file names them: a check ({@code exactly-once-effects}), a set ({@code standard}), or a check
 * with its argument ({@code {bounded-retries: 5}}). The checks that hold {@link Checks#always() always} are added to
 * any list that leaves them out: a file cannot switch off the approval gate by forgetting it.
 */
final class CheckNames {
  static final Map<String, Supplier<Checker>> CHECKS = checks();
  static final Map<String, Supplier<List<Checker>>> SETS = sets();
  static final List<String> WITH_ARGUMENT = List.of("bounded-retries");

  private CheckNames() {}

  private static Map<String, Supplier<Checker>> checks() {
    Map<String, Supplier<Checker>> checks = new LinkedHashMap<>();
    for (Supplier<Checker> factory : List.<Supplier<Checker>>of(Checks::taskCompleted, Checks::taskEnded,
        Checks::exactlyOnceEffects, Checks::noWorkRedone, Checks::delegatedWrites, Checks::leastPrivilege,
        Checks::revocationRespected, Checks::rotationSurvived, Checks::retryAfterHonoured, Checks::approvalGate,
        Checks::requestedWrites, Checks::secretHygiene, Checks::mcpToolsCurrent)) {
      checks.put(factory.get().name(), factory);
    }
    return java.util.Collections.unmodifiableMap(checks);
  }

  private static Map<String, Supplier<List<Checker>>> sets() {
    Map<String, Supplier<List<Checker>>> sets = new LinkedHashMap<>();
    sets.put("standard", Checks::standard);
    sets.put("identity", Checks::identity);
    sets.put("always", Checks::always);
    return java.util.Collections.unmodifiableMap(sets);
  }

  /** Every name a list item may be: the sets, then the checks. */
  static List<String> names() {
    List<String> names = new ArrayList<>(SETS.keySet());
    names.addAll(CHECKS.keySet());
    return names;
  }

  static Checker withArgument(String name, int argument) {
    if (!name.equals("bounded-retries")) {
      throw new IllegalArgumentException("check [" + name + "] takes no argument");
    }
    return Checks.boundedRetries(argument);
  }

  /** The list with the always-checks it lacks appended. */
  static List<Checker> withAlways(List<Checker> checks) {
    List<Checker> all = new ArrayList<>(checks);
    for (Checker always : Checks.always()) {
      if (all.stream().noneMatch(c -> c.name().equals(always.name()))) {
        all.add(always);
      }
    }
    return List.copyOf(all);
  }

  /**
   * How {@code checks} is written: null for the standard set (the default), else the shortest list that reads back
   * equal, using a set where the list starts or ends with one.
   */
  static List<Object> write(List<Checker> checks) {
    List<String> keys = keys(checks);
    if (keys.equals(keys(Checks.standard()))) {
      return null;
    }
    List<Object> items = new ArrayList<>();
    int from = 0;
    for (String set : List.of("identity", "standard")) {
      List<String> setKeys = keys(SETS.get(set).get());
      if (keys.size() >= setKeys.size() && keys.subList(0, setKeys.size()).equals(setKeys)) {
        items.add(set);
        from = setKeys.size();
        break;
      }
    }
    int to = checks.size();
    List<String> always = keys(Checks.always());
    boolean endsWithAlways = from == 0 && keys.size() >= always.size()
        && keys.subList(keys.size() - always.size(), keys.size()).equals(always);
    if (endsWithAlways) {
      to = keys.size() - always.size();
    }
    for (Checker check : checks.subList(from, to)) {
      items.add(check.argument().isPresent() ? Map.of(check.name(), check.argument().getAsInt()) : check.name());
    }
    if (endsWithAlways) {
      items.add("always");
    }
    return items;
  }

  private static List<String> keys(List<Checker> checks) {
    return checks.stream().map(c -> c.name() + c.argument()).toList();
  }
}
