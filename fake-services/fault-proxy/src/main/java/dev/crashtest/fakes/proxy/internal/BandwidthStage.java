package dev.crashtest.fakes.proxy.internal;

import java.util.Arrays;
import java.util.Random;

/**
 * {@code bandwidth}: data leaves at {@code rate} KB/s (1 KB = 1000 bytes, as in Toxiproxy); a chunk larger than
 * 100 ms worth is sent in 100 ms slices. A rate of 0 stalls the stream until the toxic is updated or removed.
 *
 * <pre>{@code
 * {"type":"bandwidth","attributes":{"rate":100}}
 * }</pre>
 */
final class BandwidthStage extends Stage {
  private static final long SLICE = 100 * MS;
  private long busyUntil = Long.MIN_VALUE;

  BandwidthStage(ToxicSpec spec, Random random, long now) {
    super(spec, random, now);
  }

  @Override
  protected void onChunk(Chunk chunk, long now) {
    long rate = spec().attribute("rate");
    if (rate <= 0) {
      release(chunk, NEVER);
      return;
    }
    long start = Math.max(chunk.time, busyUntil);
    if (chunk.isEnd()) {
      release(chunk, start);
      return;
    }
    byte[] data = chunk.bytes();
    long perSlice = rate * 100;
    int offset = 0;
    for (int slice = 1; data.length - offset > perSlice; slice++) {
      int to = (int) (offset + perSlice);
      release(Chunk.data(Arrays.copyOfRange(data, offset, to), start), start + slice * SLICE);
      offset = to;
    }
    busyUntil = start + data.length * MS / rate;
    byte[] rest = offset == 0 ? data : Arrays.copyOfRange(data, offset, data.length);
    release(Chunk.data(rest, start), busyUntil);
  }

  @Override
  protected void restart(long now) {
    busyUntil = now;
  }
}
