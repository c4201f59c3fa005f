package dev.crashtest.fakes.proxy.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One selector thread that owns a set of proxies: their listeners, connections and toxic stages. Other threads
 * change that state only through {@link #call}, which runs on the loop and returns once channels it closed are
 * really closed (ports free, RSTs sent).
 *
 * <pre>{@code
 * EventLoop loop = EventLoop.start("proxy-loop-1");
 * loop.call(() -> loop.register(serverChannel, SelectionKey.OP_ACCEPT, proxy));
 * }</pre>
 */
public final class EventLoop implements AutoCloseable {
  private static final int BUFFER_SIZE = 256 * 1024;
  private static final int POOLED_BUFFERS = 16;
  private static final long CALL_TIMEOUT_SECONDS = 10;

  private final Selector selector;
  private final Thread thread;
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final PriorityQueue<Timer> timers = new PriorityQueue<>();
  private final List<SelectableChannel> closing = new ArrayList<>();
  private final List<Runnable> afterCloses = new ArrayList<>();
  private final ArrayDeque<ByteBuffer> pool = new ArrayDeque<>();
  private ByteBuffer readBuffer = ByteBuffer.allocateDirect(BUFFER_SIZE);
  private volatile boolean running = true;

  /** A link's wake-up; stale when the link has since asked for another time. */
  private record Timer(long at, Link link) implements Comparable<Timer> {
    @Override
    public int compareTo(Timer other) {
      return Long.compare(at, other.at);
    }
  }

  /** Something registered with the selector that reacts to readiness. */
  interface Handler {
    void ready(SelectionKey key, long now);
  }

  private EventLoop(Selector selector, String name) {
    this.selector = selector;
    this.thread = new Thread(this::run, name);
    this.thread.setDaemon(true);
  }

  public static EventLoop start(String name) {
    try {
      EventLoop loop = new EventLoop(Selector.open(), name);
      loop.thread.start();
      return loop;
    } catch (IOException e) {
      throw new UncheckedIOException("proxy: cannot open a selector for [" + name + "]", e);
    }
  }

  /** Runs {@code task} on the loop and waits for it, and for the closes it caused; rethrows its exception. */
  public <T> T call(Callable<T> task) {
    if (Thread.currentThread() == thread) {
      throw new IllegalStateException("proxy: call() from the loop thread [" + thread.getName() + "] would block");
    }
    if (!thread.isAlive()) {
      throw new IllegalStateException("proxy: loop [" + thread.getName() + "] has stopped");
    }
    CompletableFuture<T> result = new CompletableFuture<>();
    tasks.add(() -> {
      try {
        T value = task.call();
        afterCloses.add(() -> result.complete(value));
      } catch (Throwable e) {
        afterCloses.add(() -> result.completeExceptionally(e));
      }
    });
    selector.wakeup();
    try {
      return result.get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("proxy: task on [" + thread.getName() + "] failed", e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("proxy: loop [" + thread.getName() + "] did not answer within "
          + CALL_TIMEOUT_SECONDS + " s; is it stuck?", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("proxy: interrupted waiting for [" + thread.getName() + "]", e);
    }
  }

  /** Runs {@code task} on the loop soon, without waiting; a failure is reported on standard error. */
  void execute(Runnable task) {
    tasks.add(() -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        System.err.println("proxy: task on [" + thread.getName() + "] failed: " + e);
      }
    });
    selector.wakeup();
  }

  SelectionKey register(SelectableChannel channel, int ops, Handler handler) throws ClosedChannelException {
    return channel.register(selector, ops, handler);
  }

  /** Wakes {@code link} at {@code at} (nanoTime) unless it is already due to wake earlier. */
  void schedule(Link link, long at) {
    if (at < link.timerAt) {
      link.timerAt = at;
      timers.add(new Timer(at, link));
    }
  }

  /** Closes {@code channel} at the end of this turn, after deregistering it so the close is immediate. */
  void close(SelectableChannel channel) {
    SelectionKey key = channel.keyFor(selector);
    if (key != null) {
      key.cancel();
    }
    closing.add(channel);
  }

  /** The loop's read buffer; a link that keeps it (unwritten bytes) must {@link #replaceReadBuffer}. */
  ByteBuffer readBuffer() {
    return readBuffer;
  }

  /** Hands the current read buffer to a link and takes a fresh one from the pool. */
  ByteBuffer replaceReadBuffer() {
    ByteBuffer taken = readBuffer;
    ByteBuffer fresh = pool.pollFirst();
    readBuffer = fresh != null ? fresh : ByteBuffer.allocateDirect(BUFFER_SIZE);
    return taken;
  }

  /** Returns a read buffer a link no longer needs. */
  void recycle(ByteBuffer buffer) {
    if (pool.size() < POOLED_BUFFERS) {
      buffer.clear();
      pool.addLast(buffer);
    }
  }

  @Override
  public void close() {
    running = false;
    selector.wakeup();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(CALL_TIMEOUT_SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    try {
      while (running) {
        turn();
      }
    } catch (IOException | RuntimeException e) {
      System.err.println("proxy: loop [" + thread.getName() + "] stopped: " + e);
    } finally {
      closeEverything();
    }
  }

  private void turn() throws IOException {
    long wait = timers.isEmpty() ? -1 : timers.peek().at - System.nanoTime();
    if (!tasks.isEmpty() || (!timers.isEmpty() && wait < 1_000_000)) {
      selector.selectNow(); // sub-millisecond timers (slicer delays in µs) are polled, not slept
    } else if (timers.isEmpty()) {
      selector.select();
    } else {
      selector.select(Math.max(1, (wait + 999_999) / 1_000_000));
    }
    long now = System.nanoTime();
    Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
    while (keys.hasNext()) {
      SelectionKey key = keys.next();
      keys.remove();
      if (key.isValid()) {
        ready(key, now);
      }
    }
    Runnable task;
    while ((task = tasks.poll()) != null) {
      task.run();
    }
    runTimers();
    finishCloses();
  }

  /** One handler's turn; a bug in it closes that channel instead of stopping the loop and every connection. */
  private void ready(SelectionKey key, long now) {
    try {
      ((Handler) key.attachment()).ready(key, now);
    } catch (RuntimeException e) {
      System.err.println("proxy: closing [" + key.channel() + "] after an unexpected error: " + e);
      close(key.channel());
    }
  }

  private void runTimers() {
    long now = System.nanoTime();
    while (!timers.isEmpty() && timers.peek().at <= now) {
      Timer timer = timers.poll();
      if (timer.link.timerAt == timer.at) {
        timer.link.timerAt = Long.MAX_VALUE;
        timer.link.pump(now);
      }
    }
  }

  private void finishCloses() throws IOException {
    if (!closing.isEmpty()) {
      selector.selectNow(); // flushes cancelled keys, so close() below releases the socket at once
      for (SelectableChannel channel : closing) {
        try {
          channel.close();
        } catch (IOException e) {
          System.err.println("proxy: cannot close [" + channel + "]: " + e.getMessage());
        }
      }
      closing.clear();
    }
    if (!afterCloses.isEmpty()) {
      List<Runnable> callbacks = new ArrayList<>(afterCloses);
      afterCloses.clear();
      callbacks.forEach(Runnable::run);
    }
  }

  private void closeEverything() {
    for (SelectionKey key : selector.keys()) {
      try {
        key.channel().close();
      } catch (IOException e) {
        System.err.println("proxy: cannot close [" + key.channel() + "]: " + e.getMessage());
      }
    }
    try {
      selector.close();
    } catch (IOException e) {
      System.err.println("proxy: cannot close the selector: " + e.getMessage());
    }
    Runnable task;
    while ((task = tasks.poll()) != null) {
      task.run();
    }
    afterCloses.forEach(Runnable::run);
  }
}
