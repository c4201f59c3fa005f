package dev.crashtest.scenariofile;

import java.util.List;

/**
 * One or more scenario files could not be read. Each problem is one line a user can act on, naming the file, line,
 * column and field: {@code incident.yaml:14:7: faults[1].when.committed: unknown operation [crm.place_ordr]; known:
 * crm.get_account, crm.create_quote, crm.place_order, crm.add_note (did you mean crm.place_order?)}. Every problem of
 * every file is collected before this is thrown, so a user fixes them in one go.
 *
 * <pre>{@code
 * try {
 *   ScenarioFile.read(Path.of("incident.yaml"));
 * } catch (ScenarioFileException e) {
 *   e.problems().forEach(System.err::println);
 * }
 * }</pre>
 */
public final class ScenarioFileException extends RuntimeException {
  private final List<String> problems;

  public ScenarioFileException(List<String> problems) {
    super(String.join("\n", problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ScenarioFileException needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** The problems, one line each, in file order then line order. */
  public List<String> problems() {
    return problems;
  }
}
