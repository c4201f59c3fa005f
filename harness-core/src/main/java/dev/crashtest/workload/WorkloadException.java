package dev.crashtest.workload;

import java.util.List;

/**
 * A workload directory could not be read. Each problem is one line naming the file, and where it can the line,
 * column and field: {@code support/workload.yaml:31:15: tools[2].service: unknown service [refund]; known: orders,
 * refunds, mail (did you mean refunds?)}. Every problem is collected before this is thrown.
 */
public final class WorkloadException extends RuntimeException {
  private final List<String> problems;

  public WorkloadException(List<String> problems) {
    super(String.join("\n", problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a WorkloadException needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** The problems, one line each. */
  public List<String> problems() {
    return problems;
  }
}
