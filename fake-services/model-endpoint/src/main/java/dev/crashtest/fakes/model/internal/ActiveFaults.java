package dev.crashtest.fakes.model.internal;

import dev.crashtest.fakes.InjectedFault;
import java.util.List;
import java.util.Optional;

/** Things that act until healed, as an admin collection lists, finds and heals them: faults, tool renames. */
interface ActiveFaults {
  /** The active ones, oldest first. */
  List<InjectedFault> active();

  /** The active one with this id, if any. */
  Optional<InjectedFault> find(String id);

  /** Heals every one. */
  void healAll();
}
