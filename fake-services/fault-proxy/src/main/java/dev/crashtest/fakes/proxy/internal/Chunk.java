package dev.crashtest.fakes.proxy.internal;

/**
 * Bytes read from one side of a connection, or the end of that side ({@link #isEnd()}), with the time in
 * {@link System#nanoTime()} units at which it reached (or leaves) a stage. Stages move its time forward.
 *
 * <pre>{@code
 * Chunk chunk = Chunk.data(bytes, System.nanoTime());
 * }</pre>
 */
public final class Chunk {
  private final byte[] data;
  private final boolean reset;
  long time;

  private Chunk(byte[] data, long time, boolean reset) {
    this.data = data;
    this.time = time;
    this.reset = reset;
  }

  public static Chunk data(byte[] data, long time) {
    return new Chunk(data, time, false);
  }

  /** The end of the stream: the destination is closed once everything before it is written. */
  public static Chunk end(long time) {
    return new Chunk(null, time, false);
  }

  /** An end that closes both sides with a TCP RST (SO_LINGER 0) instead of a FIN. */
  public static Chunk reset(long time) {
    return new Chunk(null, time, true);
  }

  public boolean isEnd() {
    return data == null;
  }

  public boolean isReset() {
    return reset;
  }

  public byte[] bytes() {
    return data;
  }

  public int length() {
    return data == null ? 0 : data.length;
  }

  public long time() {
    return time;
  }
}
