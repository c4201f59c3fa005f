package dev.crashtest.fakes.proxy.internal;

import java.util.Random;

/**
 * {@code slow_close}: data passes at once; the end of the stream (the close) is held for {@code delay} ms.
 *
 * <pre>{@code
 * {"type":"slow_close","attributes":{"delay":500}}
 * }</pre>
 */
final class SlowCloseStage extends Stage {
  SlowCloseStage(ToxicSpec spec, Random random, long now) {
    super(spec, random, now);
  }

  @Override
  protected void onChunk(Chunk chunk, long now) {
    release(chunk, chunk.isEnd() ? chunk.time + millis("delay") : chunk.time);
  }
}
