package dev.crashtest.fakes.model.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code when} of a rule; every part that is set must hold. An absent part matches anything.
 *
 * <pre>{@code
 * {"lastToolResult": "create_quote", "lastToolResultMatches": "\"quoteId\"", "turn": 3,
 *  "lastRole": "tool", "goalMatches": "(?i)buy"}
 * }</pre>
 *
 * <p>{@code "lastToolResult": null} means "no tool result yet".
 */
final class Condition {
  static final Condition ANY = new Condition(null, false, null, null, null, null);

  private final String lastRole;
  private final boolean checksLastToolResult;
  private final String lastToolResult;
  private final Pattern lastToolResultMatches;
  private final Integer turn;
  private final Pattern goalMatches;

  Condition(String lastRole, boolean checksLastToolResult, String lastToolResult, Pattern lastToolResultMatches,
      Integer turn, Pattern goalMatches) {
    this.lastRole = lastRole;
    this.checksLastToolResult = checksLastToolResult;
    this.lastToolResult = lastToolResult;
    this.lastToolResultMatches = lastToolResultMatches;
    this.turn = turn;
    this.goalMatches = goalMatches;
  }

  boolean matches(Conversation conversation) {
    return (lastRole == null || lastRole.equals(conversation.lastRole()))
        && (!checksLastToolResult
            || Objects.equals(lastToolResult, conversation.lastToolName().orElse(null)))
        && (lastToolResultMatches == null || conversation.lastToolContent()
            .map(content -> lastToolResultMatches.matcher(content).find()).orElse(false))
        && (turn == null || turn == conversation.turn())
        && (goalMatches == null || goalMatches.matcher(conversation.goal()).find());
  }

  /** The rule's own goal pattern, whose groups templates may use. */
  Optional<Pattern> goalMatches() {
    return Optional.ofNullable(goalMatches);
  }

  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    if (lastRole != null) {
      parts.add("lastRole=" + lastRole);
    }
    if (checksLastToolResult) {
      parts.add("lastToolResult=" + lastToolResult);
    }
    if (lastToolResultMatches != null) {
      parts.add("lastToolResultMatches=" + lastToolResultMatches);
    }
    if (turn != null) {
      parts.add("turn=" + turn);
    }
    if (goalMatches != null) {
      parts.add("goalMatches=" + goalMatches);
    }
    return parts.isEmpty() ? "always" : String.join(", ", parts);
  }
}
