package dev.crashtest.fakes.proxy.internal;

import java.util.List;
import java.util.Random;

/**
 * {@code timeout}: no data passes (it is dropped); the connection closes {@code timeout} ms after the toxic
 * started, or never when {@code timeout} is 0. Removing the toxic closes the connection, as Toxiproxy does.
 *
 * <pre>{@code
 * {"type":"timeout","attributes":{"timeout":0}}
 * }</pre>
 */
final class TimeoutStage extends Stage {
  private long closeAt;

  TimeoutStage(ToxicSpec spec, Random random, long now) {
    super(spec, random, now);
    restart(now);
  }

  @Override
  protected void onChunk(Chunk chunk, long now) {
    if (chunk.isEnd()) {
      close(chunk, chunk.time);
    }
  }

  @Override
  protected void onTime(long now) {
    if (now >= closeAt) {
      close(Chunk.end(closeAt), closeAt);
    }
  }

  @Override
  protected long timerDeadline() {
    return closeAt;
  }

  @Override
  protected void restart(long now) {
    long timeout = millis("timeout");
    closeAt = timeout > 0 ? now + timeout : NEVER;
  }

  @Override
  public List<Chunk> remove(long now) {
    if (!closed()) {
      close(Chunk.end(now), now);
    }
    return super.remove(now);
  }
}
