package dev.crashtest.fakes.proxy.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One direction of a proxied connection: reads {@code source}, passes chunks through the toxic stages in order
 * and writes {@code dest}. With no toxic it copies straight from the loop's direct buffer to {@code dest}, with no
 * allocation; bytes the destination cannot take yet stay in that buffer, and reading pauses until they are
 * written. As in Toxiproxy, the end of either side closes the other side (no half-close).
 *
 * <pre>{@code
 * link.addStage(ToxicType.LATENCY.newStage(spec, random, now));
 * }</pre>
 */
final class Link {
  /** Bytes held in stages and queues beyond which the link stops reading its source. */
  private static final long HIGH_WATER = 1024 * 1024;

  final Direction direction;
  final SocketChannel source;
  final SocketChannel dest;
  long timerAt = Long.MAX_VALUE;

  private final Connection connection;
  private final EventLoop loop;
  private final List<Stage> stages = new ArrayList<>(1);
  private final ArrayDeque<ByteBuffer> out = new ArrayDeque<>(2);
  private long outBytes;
  private boolean sourceEnded;
  private boolean endQueued;
  private boolean resetAtEnd;
  private boolean finished;

  Link(Connection connection, EventLoop loop, Direction direction, SocketChannel source, SocketChannel dest) {
    this.connection = connection;
    this.loop = loop;
    this.direction = direction;
    this.source = source;
    this.dest = dest;
  }

  void addStage(Stage stage) {
    stages.add(stage);
  }

  void updateStage(ToxicSpec spec, long now) {
    for (Stage stage : stages) {
      if (stage.spec().name().equals(spec.name())) {
        stage.update(spec, now);
      }
    }
    pump(now);
  }

  void removeStage(String name, long now) {
    for (int i = 0; i < stages.size(); i++) {
      if (stages.get(i).spec().name().equals(name)) {
        List<Chunk> flushed = stages.remove(i).remove(now);
        for (Chunk chunk : flushed) {
          forward(i, chunk, now);
        }
        break;
      }
    }
    pump(now);
  }

  void onReadable(long now) {
    ByteBuffer buffer = loop.readBuffer();
    buffer.clear();
    int read;
    try {
      read = source.read(buffer);
    } catch (IOException e) {
      read = -1;
    }
    if (read < 0) {
      sourceClosed(now);
      return;
    }
    if (read == 0 || endQueued) {
      return;
    }
    buffer.flip();
    if (stages.isEmpty() && out.isEmpty()) {
      writeDirect(buffer, now);
      return;
    }
    byte[] data = new byte[read];
    buffer.get(data);
    forward(0, Chunk.data(data, now), now);
    pump(now);
  }

  void onWritable(long now) {
    flush(now);
    pump(now);
  }

  /** The source reached its end, failed, or was closed by the other direction. */
  void sourceClosed(long now) {
    if (sourceEnded) {
      return;
    }
    sourceEnded = true;
    forward(0, Chunk.end(now), now);
    pump(now);
  }

  /** Moves released chunks along the stages to the destination, writes what it can, and books the next wake-up. */
  void pump(long now) {
    for (int i = 0; i < stages.size(); i++) {
      Stage stage = stages.get(i);
      Chunk chunk;
      while ((chunk = stage.poll(now)) != null) {
        forward(i + 1, chunk, now);
      }
    }
    flush(now);
    long deadline = Long.MAX_VALUE;
    for (Stage stage : stages) {
      deadline = Math.min(deadline, stage.deadline());
    }
    if (deadline != Long.MAX_VALUE && !finished) {
      loop.schedule(this, deadline);
    }
    connection.updateInterest();
  }

  boolean wantsRead() {
    if (sourceEnded || endQueued) {
      return false;
    }
    if (stages.isEmpty()) {
      return out.isEmpty();
    }
    long backlog = outBytes;
    for (Stage stage : stages) {
      backlog += stage.heldBytes();
    }
    return backlog < HIGH_WATER;
  }

  boolean wantsWrite() {
    return !finished && !out.isEmpty();
  }

  /** The destination is gone: nothing more will be written. */
  void abandon() {
    finished = true;
    endQueued = true;
    for (ByteBuffer buffer : out) {
      if (buffer.isDirect()) {
        loop.recycle(buffer);
      }
    }
    out.clear();
    outBytes = 0;
  }

  private void forward(int stageIndex, Chunk chunk, long now) {
    if (stageIndex < stages.size()) {
      stages.get(stageIndex).accept(chunk, now);
    } else if (!endQueued) {
      if (chunk.isEnd()) {
        endQueued = true;
        resetAtEnd = chunk.isReset();
      } else {
        out.addLast(ByteBuffer.wrap(chunk.bytes()));
        outBytes += chunk.length();
      }
    }
  }

  private void writeDirect(ByteBuffer buffer, long now) {
    try {
      dest.write(buffer);
    } catch (IOException e) {
      destinationFailed(now);
      return;
    }
    if (buffer.hasRemaining()) {
      outBytes += buffer.remaining();
      out.addLast(loop.replaceReadBuffer()); // keep the unwritten bytes where they are, no copy
    }
  }

  private void flush(long now) {
    while (!out.isEmpty() && !finished) {
      ByteBuffer head = out.peekFirst();
      int before = head.remaining();
      try {
        dest.write(head);
      } catch (IOException e) {
        destinationFailed(now);
        return;
      }
      outBytes -= before - head.remaining();
      if (head.hasRemaining()) {
        return;
      }
      out.pollFirst();
      if (head.isDirect()) {
        loop.recycle(head);
      }
    }
    if (out.isEmpty() && endQueued && !finished) {
      finished = true;
      connection.closeDestination(this, resetAtEnd, now);
    }
  }

  private void destinationFailed(long now) {
    abandon();
    connection.closeDestination(this, false, now);
  }
}
