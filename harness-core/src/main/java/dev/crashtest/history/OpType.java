package dev.crashtest.history;

/** Jepsen's op types: a call began, it succeeded, it failed, or its outcome is unknown / informational. */
public enum OpType {
  INVOKE,
  OK,
  FAIL,
  INFO
}
