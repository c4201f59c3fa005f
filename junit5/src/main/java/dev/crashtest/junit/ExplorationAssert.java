package dev.crashtest.junit;

import dev.crashtest.explore.ExplorationResult;
import dev.crashtest.explore.Finding;
import java.util.Objects;

/**
 * Assertions on an exploration: a test that explores with a fixed seed and budget fails with each shrunk
 * reproducer, its file and the command that runs it again, in the message.
 *
 * <pre>{@code
 * ExplorationResult result = Exploration.of(myAgent).withSeed(7).withRuns(20).writingTo(dir).run();
 * Crashtest.assertThat(result).foundNothing();
 * }</pre>
 */
public final class ExplorationAssert {
  private final ExplorationResult result;

  ExplorationAssert(ExplorationResult result) {
    this.result = Objects.requireNonNull(result, "result: the exploration to assert on");
  }

  /** No run failed: the exploration found nothing, and its clean run passed. */
  public ExplorationAssert foundNothing() {
    if (!result.findings().isEmpty() || result.stoppedEarly().startsWith("the clean run")) {
      StringBuilder message = new StringBuilder("exploration of [" + result.agent() + "] (seed " + result.seed()
          + ", " + result.runs().size() + " runs) found " + result.findings().size() + " failure(s)");
      if (result.stoppedEarly().startsWith("the clean run")) {
        message.append("; ").append(result.stoppedEarly());
      }
      for (Finding finding : result.findings()) {
        message.append("\n  [").append(finding.checker()).append("] ").append(finding.minimal().description())
            .append("\n    file: ").append(finding.file())
            .append("\n    reproduce: ").append(finding.reproduce());
      }
      throw new AssertionError(message.toString());
    }
    return this;
  }
}
