package dev.crashtest.scenarios;

import dev.crashtest.history.Op;
import dev.crashtest.history.OpType;
import dev.crashtest.history.Vocabulary;
import java.io.PrintStream;
import java.util.function.Consumer;

/** Prints the moments of a run a human watches for: agent up, killed, restarted; task status; effects. */
final class ProgressPrinter implements Consumer<Op> {
  private final PrintStream out;

  ProgressPrinter(PrintStream out) {
    this.out = out;
  }

  @Override
  public void accept(Op op) {
    String line = describe(op);
    if (line != null) {
      out.printf("      %6.2fs  %s%n", op.timeMillis() / 1000.0, line);
    }
  }

  private static boolean processFault(Op op) {
    return "ProcessCrash".equals(op.text("kind")) || "ProcessPause".equals(op.text("kind"));
  }

  static String describe(Op op) {
    if (op.is(Vocabulary.HARNESS, Vocabulary.APPROVE)) {
      return approval(op);
    }
    if (op.service().equals(Vocabulary.HARNESS) && op.type() != OpType.INVOKE) {
      switch (op.operation()) {
        case Vocabulary.AGENT_STARTED:
          return "agent started (pid " + op.text("pid") + ")";
        case Vocabulary.SUBMIT_TASK:
          return "task " + op.text(Vocabulary.TASK_ID) + " submitted: " + op.text("goal");
        case Vocabulary.TASK_STATUS:
          return "task " + op.text(Vocabulary.TASK_STATE);
        case Vocabulary.AGENT_KILLED:
          return "agent killed (SIG" + op.text("signal") + ")";
        case Vocabulary.AGENT_RESTARTED:
          return "agent restarted (pid " + op.text("pid") + ")";
        case Vocabulary.AGENT_READY:
          return "agent ready (pid " + op.text("pid") + " answers /health)";
        case Vocabulary.AGENT_PAUSED:
          return "agent frozen (SIGSTOP)";
        case Vocabulary.AGENT_RESUMED:
          return "agent woken up (SIGCONT)";
        case Vocabulary.AGENT_PAUSE_SKIPPED:
          return "agent not frozen: " + op.text("reason");
        case Vocabulary.STANDBY_STARTED:
          return "standby worker started (pid " + op.text("pid") + ")";
        case Vocabulary.STANDBY_READY:
          return "standby worker ready (pid " + op.text("pid") + ")";
        case Vocabulary.PLATFORM_STARTED:
          return "platform " + op.text("platform") + " started (pid " + op.text("pid") + ")";
        case Vocabulary.PLATFORM_KILLED:
          return "platform killed (SIG" + op.text("signal") + ")";
        case Vocabulary.PLATFORM_RESTARTED:
          return "platform restarted (pid " + op.text("pid") + ")";
        case Vocabulary.FAULT_INJECTED:
          // a crash or pause is its own line (agent killed, frozen); one from a trace also names its span
          return processFault(op) && op.text(Vocabulary.TRACE_ID) == null ? null : "fault: " + op.text("fault");
        case Vocabulary.FAULT_HEALED:
          return processFault(op) ? null : "healed: " + op.text("fault");
        case Vocabulary.FAULT_MISSED:
          return "fault never fired" + (op.flag(Vocabulary.OPTIONAL) ? " (optional)" : "") + ": "
              + op.text(Vocabulary.FAULT) + (op.text(Vocabulary.NEAREST_MISS) == null
              || op.text(Vocabulary.NEAREST_MISS).isEmpty() ? "" : "; " + op.text(Vocabulary.NEAREST_MISS));
        case Vocabulary.FAULT_FAILED:
          return "fault could not be applied: " + op.text(Vocabulary.FAULT) + ": " + op.text(Vocabulary.ERROR);
        case Vocabulary.EVENT_REJECTED:
          return "event rejected: " + op.text(Vocabulary.ERROR);
        case Vocabulary.TIMED_OUT:
          return "timed out after " + op.text("timeoutMillis") + " ms";
        default:
          return null;
      }
    }
    if (op.service().equals(Vocabulary.CRM) && op.text(Vocabulary.EFFECT_ID) != null) {
      String replay = op.flag(Vocabulary.REPLAYED) ? " (replayed)" : "";
      return "crm " + op.operation() + " → " + op.text(Vocabulary.EFFECT_ID) + replay;
    }
    return null;
  }

  /**
   * The approval as the human gave it: at the moment it was sent (the INVOKE), before whatever the agent did once
   * approved; its acknowledgement arrives later (often after the order it allowed) and is printed only when refused.
   */
  private static String approval(Op op) {
    return switch (op.type()) {
      case INVOKE -> "approved by " + op.text("approver");
      case FAIL -> "approval by " + op.text("approver") + " refused: " + op.text("status");
      default -> null;
    };
  }
}
