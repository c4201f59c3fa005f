package dev.crashtest.history;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
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
 * <p>Subscribers see every op in index order, and {@link #append} returns once its op has been seen: that is
 * how faults are triggered at an exact point ("when the CRM committed the order", before the CRM answers). One
 * thread at a time notifies; a thread that appends while another notifies waits for it, at most {@value
 * #MAX_WAIT_MILLIS} ms: a subscriber may itself wait for such an append (a fault applied through a service's admin
 * API, whose event comes back over HTTP), so after that the op is left queued, still to be seen in order, and
 * append returns. A subscriber that appends on its own thread queues its op, seen right after the current
 * notification, without waiting.
 */
public final class History {
  /** How long an append waits for another thread's notification before it leaves its op queued. */
  static final long MAX_WAIT_MILLIS = 250;

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
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MAX_WAIT_MILLIS);
      boolean interrupted = false;
      long left;
      while (notifier != null && lastSeen < index && (left = deadline - System.nanoTime()) > 0) {
        try {
          TimeUnit.NANOSECONDS.timedWait(ops, left);
        } catch (InterruptedException e) {
          interrupted = true; // the op is appended: it must still be seen, in order
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      if (lastSeen >= index || notifier != null) {
        return; // seen; or the notifier, busy past the wait, sees it before it stops (see nextUnseen)
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
        if (notifier == Thread.currentThread()) {
          notifier = null; // a subscriber threw: whoever appends or waits next notifies the rest
          ops.notifyAll();
        }
      }
    }
  }

  /** The next op to notify, or null, then no longer the notifier: in one step, so no queued op is left behind. */
  private Op nextUnseen() {
    synchronized (ops) {
      Op next = unseen.poll();
      if (next == null) {
        notifier = null;
        ops.notifyAll();
      }
      return next;
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
