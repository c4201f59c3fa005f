package dev.crashtest.fakes.model.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The normal answer, held back: a client whose timeout is shorter gives up first.
 *
 * @param delay how long the answer is held back
 */
public record DelayFault(Duration delay) implements FaultKind {
  static final String NAME = "delay";
  static final FaultType TYPE = FaultType.of(NAME, List.of("delayMillis"),
      fields -> new DelayFault(fields.millis("delayMillis")));
  static final Duration LONGEST = Duration.ofHours(1);

  public DelayFault {
    FaultFields.requireWithin(NAME, "delayMillis", delay, LONGEST);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, Object> wireFields() {
    return Map.of("delayMillis", FaultFields.wholeMillis(NAME, "delayMillis", delay));
  }

  @Override
  public String describe() {
    return "answers after " + delay.toMillis() + " ms";
  }

  @Override
  public boolean apply(ChatAnswer answer) {
    answer.delay((int) delay.toMillis());
    answer.detail("delayMillis", delay.toMillis());
    return true;
  }
}
