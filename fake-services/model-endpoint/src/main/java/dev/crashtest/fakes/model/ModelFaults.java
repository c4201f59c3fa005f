package dev.crashtest.fakes.model;

import dev.crashtest.fakes.InjectedFault;
import dev.crashtest.fakes.model.internal.FaultBook;
import java.util.List;
import java.util.Objects;

/**
 * The faults of one {@link ModelEndpoint}. Several may be active: for each chat completion, the first injected
 * that applies to it answers, and only it counts the request. Thread-safe.
 *
 * <pre>{@code
 * try (InjectedFault cut = model.faults().inject(ModelFault.streamCutAfter(2).forRequests(1))) {
 *   // the next streamed answer stops after two events
 * }
 * model.faults().healAll();
 * }</pre>
 */
public final class ModelFaults {
  private final FaultBook book;

  /** The book behind these faults, for the endpoint's own additions (tool renames). */
  FaultBook book() {
    return book;
  }

  ModelFaults(FaultBook book) {
    this.book = book;
  }

  /** Starts {@code fault} now; the handle heals it, tells its hits and whether it is still active. */
  public InjectedFault inject(ModelFault fault) {
    Objects.requireNonNull(fault, "fault");
    return book.inject(fault.plan());
  }

  /** The faults still active (not healed, requests left), first injected first. */
  public List<InjectedFault> active() {
    return book.active();
  }

  /** Heals every fault: from now on the script answers normally. */
  public void healAll() {
    book.healAll();
  }

  @Override
  public String toString() {
    return "model faults " + active();
  }
}
