package dev.crashtest.fakes.model.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The normal answer, dribbled: each server-sent event arrives {@code perChunk} after the previous one (the
 * last carries {@code data: [DONE]} with it). A plain answer is written in as many slices, as slowly, so a
 * non-streaming client waits as long for it.
 *
 * @param perChunk the pause before each event
 */
public record SlowStreamFault(Duration perChunk) implements FaultKind {
  static final String NAME = "slow_stream";
  static final FaultType TYPE = FaultType.of(NAME, List.of("perChunkMillis"),
      fields -> new SlowStreamFault(fields.millis("perChunkMillis")));
  static final Duration LONGEST = Duration.ofMinutes(1);

  public SlowStreamFault {
    FaultFields.requireWithin(NAME, "perChunkMillis", perChunk, LONGEST);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, Object> wireFields() {
    return Map.of("perChunkMillis", FaultFields.wholeMillis(NAME, "perChunkMillis", perChunk));
  }

  @Override
  public String describe() {
    return "stream chunks " + perChunk.toMillis() + " ms apart";
  }

  @Override
  public boolean apply(ChatAnswer answer) {
    List<String> events = answer.events();
    int millis = (int) perChunk.toMillis();
    byte[] body = answer.stream()
        ? SseFrames.equalLength(SseFrames.withDone(events))
        : ChatAnswer.utf8(answer.json());
    answer.dribble(body, events.size(), millis);
    answer.detail("perChunkMillis", perChunk.toMillis());
    answer.detail("chunks", events.size());
    return true;
  }
}
