package dev.crashtest.fakes.proxy.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One toxic applied to one direction of one connection: it takes chunks with their arrival time and holds them
 * until their release time, drops them, or ends the stream. A pure, single-threaded state machine driven by the
 * event loop's clock, so every toxic is unit-testable without sockets.
 *
 * <p>Toxicity is rolled once when the stage starts (the connection opens or the toxic is added) and again when the
 * toxic is updated; a stage that rolled "off" passes data through unchanged.
 *
 * <pre>{@code
 * Stage stage = ToxicType.LATENCY.newStage(spec, random, now);
 * stage.accept(Chunk.data(bytes, now), now);
 * Chunk ready = stage.poll(now + 100_000_000L); // released after 100 ms
 * }</pre>
 */
public abstract class Stage {
  static final long MS = 1_000_000L;
  static final long NEVER = Long.MAX_VALUE;

  private final Random random;
  private final ArrayDeque<Chunk> held = new ArrayDeque<>(4);
  private ToxicSpec spec;
  private boolean active;
  private boolean closed;
  private long lastRelease = Long.MIN_VALUE;
  private long heldBytes;

  protected Stage(ToxicSpec spec, Random random, long now) {
    this.spec = spec;
    this.random = random;
    this.active = random.nextFloat() < spec.toxicity();
  }

  public final ToxicSpec spec() {
    return spec;
  }

  /** Whether the toxicity roll made this toxic apply to this connection. */
  public final boolean active() {
    return active;
  }

  /** Bytes this stage holds, for back-pressure on the reader. */
  public final long heldBytes() {
    return heldBytes;
  }

  /** Takes the next chunk in; its {@link Chunk#time()} is when it arrived. */
  public final void accept(Chunk chunk, long now) {
    if (closed) {
      return;
    }
    if (active) {
      onChunk(chunk, now);
    } else {
      release(chunk, chunk.time);
    }
  }

  /** The next chunk whose release time has come, or {@code null}. */
  public final Chunk poll(long now) {
    if (active && !closed) {
      onTime(now);
    }
    Chunk head = held.peekFirst();
    if (head == null || head.time > now) {
      return null;
    }
    held.pollFirst();
    heldBytes -= head.length();
    return head;
  }

  /** When this stage next needs {@link #poll}; {@link #NEVER} if it waits for input. */
  public final long deadline() {
    Chunk head = held.peekFirst();
    long release = head == null ? NEVER : head.time;
    return active && !closed ? Math.min(release, timerDeadline()) : release;
  }

  /** The toxic was updated: new settings, a new roll, and what it holds re-timed from {@code now}. */
  public void update(ToxicSpec newSpec, long now) {
    spec = newSpec;
    active = random.nextFloat() < newSpec.toxicity();
    if (closed) {
      return;
    }
    List<Chunk> pending = drain();
    lastRelease = Long.MIN_VALUE;
    restart(now);
    for (Chunk chunk : pending) {
      chunk.time = now;
      accept(chunk, now);
    }
  }

  /** The toxic was removed: everything it holds leaves now, in order (Toxiproxy never drops data here). */
  public List<Chunk> remove(long now) {
    List<Chunk> pending = drain();
    pending.forEach(chunk -> chunk.time = now);
    return pending;
  }

  /** Handles an arriving chunk of an active toxic: {@link #release}, {@link #close}, or drop it. */
  protected abstract void onChunk(Chunk chunk, long now);

  /** Runs the toxic's own timers; called before every poll while active. */
  protected void onTime(long now) {}

  /** The toxic's own next timer. */
  protected long timerDeadline() {
    return NEVER;
  }

  /** Resets timing state after an update. */
  protected void restart(long now) {}

  /** Holds {@code chunk} until {@code at}, never before a chunk released earlier (order is kept). */
  protected final void release(Chunk chunk, long at) {
    long time = Math.max(at, lastRelease);
    chunk.time = time;
    lastRelease = time;
    held.addLast(chunk);
    heldBytes += chunk.length();
  }

  /** Ends the stream at {@code at}, after what is already held; later input is dropped. */
  protected final void close(Chunk end, long at) {
    closed = true;
    release(end, at);
  }

  protected final boolean closed() {
    return closed;
  }

  protected final Random random() {
    return random;
  }

  protected final long millis(String attribute) {
    return spec.attribute(attribute) * MS;
  }

  private List<Chunk> drain() {
    List<Chunk> pending = new ArrayList<>(held);
    held.clear();
    heldBytes = 0;
    return pending;
  }

  /** Toxiproxy's {@code noop}: passes everything through. */
  static final class Noop extends Stage {
    Noop(ToxicSpec spec, Random random, long now) {
      super(spec, random, now);
    }

    @Override
    protected void onChunk(Chunk chunk, long now) {
      release(chunk, chunk.time);
    }
  }
}
