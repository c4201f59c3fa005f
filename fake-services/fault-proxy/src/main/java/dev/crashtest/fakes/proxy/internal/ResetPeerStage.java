package dev.crashtest.fakes.proxy.internal;

import java.util.Random;

/**
 * {@code reset_peer}: when data (or the end) first reaches it, waits {@code timeout} ms, then closes both sides
 * with a TCP RST (SO_LINGER 0). Data after that first arrival does not pass.
 *
 * <pre>{@code
 * {"type":"reset_peer","attributes":{"timeout":0}}
 * }</pre>
 */
final class ResetPeerStage extends Stage {
  private long resetAt = NEVER;

  ResetPeerStage(ToxicSpec spec, Random random, long now) {
    super(spec, random, now);
  }

  @Override
  protected void onChunk(Chunk chunk, long now) {
    if (resetAt == NEVER) {
      resetAt = chunk.time + millis("timeout");
    }
  }

  @Override
  protected void onTime(long now) {
    if (now >= resetAt) {
      close(Chunk.reset(resetAt), resetAt);
    }
  }

  @Override
  protected long timerDeadline() {
    return resetAt;
  }
}
