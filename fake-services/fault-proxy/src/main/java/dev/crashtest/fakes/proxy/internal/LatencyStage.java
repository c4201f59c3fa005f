package dev.crashtest.fakes.proxy.internal;

import java.util.Random;

/**
 * {@code latency}: each chunk leaves {@code latency ± jitter} ms after it arrived, in order; chunks that arrive
 * while an earlier one waits are delayed in parallel, not one after another (Toxiproxy stamps arrival times).
 *
 * <pre>{@code
 * {"type":"latency","attributes":{"latency":100,"jitter":10}}
 * }</pre>
 */
final class LatencyStage extends Stage {
  LatencyStage(ToxicSpec spec, Random random, long now) {
    super(spec, random, now);
  }

  @Override
  protected void onChunk(Chunk chunk, long now) {
    if (chunk.isEnd()) {
      release(chunk, chunk.time);
      return;
    }
    long delay = spec().attribute("latency");
    long jitter = spec().attribute("jitter");
    if (jitter > 0) {
      delay += random().nextLong(jitter * 2) - jitter;
    }
    release(chunk, chunk.time + delay * MS);
  }
}
