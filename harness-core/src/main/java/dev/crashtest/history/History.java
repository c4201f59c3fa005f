package dev.crashtest.history;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The one ordered, append-only record of a run: every fake service and the harness append to it, checkers
 * read it. Thread-safe.
 *
 * <pre>{@code
 * History history = History.startingNow();
 * history.append("harness", "harness", "submit_task", OpType.INVOKE, Map.of("taskId", "t-1"));
 * List<Op> crmOps = history.select(op -> op.service().equals("crm"));
 * }</pre>
 *
 * <p>Subscribers see every op in index order, and {@link #append} returns only once its op has been seen: that
 * is how faults are triggered at an exact point ("when the CRM committed the order", before the CRM answers).
 * One thread at a time notifies; a thread that appends while another notifies waits for it. A subscriber may
 * append itself: its op is queued and seen right after the current notification, in order, without waiting.
 * A subscriber must not wait for another thread's append, which waits for the subscriber.
 */
public final class History {
  private final long startNanos;
  private final List<Op> ops = new ArrayList<>();
  private final List<Consumer<Op>> subscribers = new CopyOnWriteArrayList<>();
  /** Appended, not yet seen by the subscribers; guarded by {@code ops}. */
  private final Deque<Op> unseen = new ArrayDeque<>();
  /** The thread notifying the subscribers now, or null; guarded by {@code ops}. */
  private Thread notifier;
  /** The index of the last op the subscribers have seen; guarded by {@code ops}. */
  private long lastSeen = -1;

  private History(long startNanos) {
    this.startNanos = startNanos;
  }

  /** An empty history whose clock starts now. */
  public static History startingNow() {
    return new History(System.nanoTime());
  }

  /** A history made of given ops, e.g. one read back from a file or written by hand in a test. */
  public static History of(List<Op> ops) {
    History history = new History(System.nanoTime());
    for (Op op : ops) {
      if (op.index() != history.ops.size()) {
        throw new IllegalArgumentException(
            "op indexes must be 0, 1, 2, ... in order; found [" + op.index() + "] at position " + history.ops.size());
      }
      history.ops.add(op);
    }
    return history;
  }

  /** Appends an op stamped with the next index and the time since the history began. */
  public Op append(String service, String actor, String operation, OpType type, Map<String, Object> details) {
    Op op;
    synchronized (ops) {
      long elapsed = (System.nanoTime() - startNanos) / 1_000_000;
      op = new Op(ops.size(), elapsed, service, actor, operation, type, details);
      ops.add(op);
      unseen.add(op);
      if (notifier == Thread.currentThread()) {
        return op; // appended from within a subscriber: seen once the current notification returns
      }
    }
    notifyUpTo(op.index());
    return op;
  }

  /** Waits until {@code index} has been seen, notifying the subscribers itself whenever no other thread does. */
  private void notifyUpTo(long index) {
    synchronized (ops) {
      boolean interrupted = false;
      while (notifier != null && lastSeen < index) {
        try {
          ops.wait();
        } catch (InterruptedException e) {
          interrupted = true; // the op is appended: it must still be seen, in order
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      if (lastSeen >= index) {
        return;
      }
      notifier = Thread.currentThread();
    }
    try {
      for (Op next = nextUnseen(); next != null; next = nextUnseen()) {
        for (Consumer<Op> subscriber : subscribers) {
          subscriber.accept(next);
        }
        synchronized (ops) {
          lastSeen = next.index();
          ops.notifyAll();
        }
      }
    } finally {
      synchronized (ops) {
        notifier = null;
        ops.notifyAll();
      }
    }
  }

  private Op nextUnseen() {
    synchronized (ops) {
      return unseen.poll();
    }
  }

  /** Calls {@code subscriber} with every op appended from now on, until the returned handle is closed. */
  public Subscription subscribe(Consumer<Op> subscriber) {
    subscribers.add(subscriber);
    return () -> subscribers.remove(subscriber);
  }

  /** Ends a {@link #subscribe} registration. */
  @FunctionalInterface
  public interface Subscription extends AutoCloseable {
    @Override
    void close();
  }

  /** The ops from {@code fromIndex} on, renumbered from 0, as a history of their own: one run's share. */
  public History since(long fromIndex) {
    List<Op> slice = new ArrayList<>();
    for (Op op : ops()) {
      if (op.index() >= fromIndex) {
        slice.add(new Op(slice.size(), op.timeMillis(), op.service(), op.actor(), op.operation(), op.type(),
            op.details()));
      }
    }
    return History.of(slice);
  }

  /** Milliseconds since this history began. */
  public long elapsedMillis() {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  /** A snapshot of every op so far, in order. */
  public List<Op> ops() {
    synchronized (ops) {
      return List.copyOf(ops);
    }
  }

  /** The ops so far that match, in order. */
  public List<Op> select(Predicate<Op> filter) {
    return ops().stream().filter(filter).toList();
  }

  public int size() {
    synchronized (ops) {
      return ops.size();
    }
  }
}
