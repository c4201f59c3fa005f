package dev.crashtest.fakes.proxy.internal;

import java.util.Arrays;
import java.util.Random;

/**
 * {@code limit_data}: lets {@code bytes} bytes through on this connection, then closes it. The count survives
 * updates of the toxic.
 *
 * <pre>{@code
 * {"type":"limit_data","attributes":{"bytes":1024}}
 * }</pre>
 */
final class LimitDataStage extends Stage {
  private long transmitted;

  LimitDataStage(ToxicSpec spec, Random random, long now) {
    super(spec, random, now);
  }

  @Override
  protected void onChunk(Chunk chunk, long now) {
    if (chunk.isEnd()) {
      release(chunk, chunk.time);
      return;
    }
    long limit = spec().attribute("bytes");
    long remaining = Math.max(0, limit - transmitted);
    byte[] data = chunk.bytes();
    if (data.length > remaining) {
      data = Arrays.copyOf(data, (int) remaining);
    }
    if (data.length > 0) {
      release(Chunk.data(data, chunk.time), chunk.time);
      transmitted += data.length;
    }
    if (limit - transmitted <= 0) {
      close(Chunk.end(chunk.time), chunk.time);
    }
  }
}
