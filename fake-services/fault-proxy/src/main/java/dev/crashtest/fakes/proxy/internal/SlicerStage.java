package dev.crashtest.fakes.proxy.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * {@code slicer}: cuts each chunk into pieces of about {@code average_size ± size_variation} bytes and sends them
 * {@code delay} µs apart. An average below 1 is taken as 1, so a bad setting cannot recurse forever.
 *
 * <pre>{@code
 * {"type":"slicer","attributes":{"average_size":10,"size_variation":5,"delay":1000}}
 * }</pre>
 */
final class SlicerStage extends Stage {
  private long busyUntil = Long.MIN_VALUE;

  SlicerStage(ToxicSpec spec, Random random, long now) {
    super(spec, random, now);
  }

  @Override
  protected void onChunk(Chunk chunk, long now) {
    long start = Math.max(chunk.time, busyUntil);
    if (chunk.isEnd()) {
      release(chunk, start);
      return;
    }
    long delay = spec().attribute("delay") * 1_000L;
    byte[] data = chunk.bytes();
    List<Integer> cuts = new ArrayList<>();
    cut(0, data.length, cuts);
    long at = start;
    for (int i = 0; i + 1 < cuts.size(); i += 2) {
      release(Chunk.data(Arrays.copyOfRange(data, cuts.get(i), cuts.get(i + 1)), at), at);
      at += delay;
    }
    busyUntil = at;
  }

  @Override
  protected void restart(long now) {
    busyUntil = now;
  }

  /** Toxiproxy's halving: split about the middle, varied by up to {@code size_variation}, until small enough. */
  private void cut(int from, int to, List<Integer> cuts) {
    long average = Math.max(1, spec().attribute("average_size"));
    long variation = Math.max(0, spec().attribute("size_variation"));
    if ((to - from) - average <= variation) {
      cuts.add(from);
      cuts.add(to);
      return;
    }
    int middle = from + (to - from) / 2;
    if (variation > 0) {
      middle += (int) (random().nextLong(variation * 2) - variation);
    }
    middle = Math.max(from + 1, Math.min(to - 1, middle));
    cut(from, middle, cuts);
    cut(middle, to, cuts);
  }
}
