package dev.crashtest.fakes.mcp.internal;

import dev.crashtest.fakes.InjectedFault;
import dev.crashtest.fakes.faults.CountedFault;
import dev.crashtest.fakes.faults.FaultRegistry;
import dev.crashtest.fakes.mcp.McpFault;
import dev.crashtest.fakes.mcp.McpTool;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The active {@link McpFault}s and the state they act on: the tool list as the faults reshape it, and the tokens an
 * {@code expire_authorization} refuses. One-shot faults ({@code expire_sessions}) are done at injection and handed back
 * used up; {@code restart} and {@code drop_stream} take one call each.
 */
final class FaultState {
  private final FaultRegistry<McpFault> registry = new FaultRegistry<>("mcp-faults", FaultState::limit,
      McpFault::describe);
  private final List<McpTool> baseTools;
  private final Set<String> seenTokens = ConcurrentHashMap.newKeySet();
  private final Set<String> expiredTokens = ConcurrentHashMap.newKeySet();

  FaultState(List<McpTool> baseTools) {
    this.baseTools = List.copyOf(baseTools);
  }

  private static OptionalInt limit(McpFault fault) {
    if (fault instanceof McpFault.ToolError error) {
      return OptionalInt.of(error.times());
    }
    boolean once = fault instanceof McpFault.DropStream || fault instanceof McpFault.Restart
        || fault instanceof McpFault.ExpireSessions;
    return once ? OptionalInt.of(1) : OptionalInt.empty();
  }

  /**
   * Registers {@code fault}; the caller applies what happens at once (forgetting sessions, changing the tool list).
   *
   * @throws IllegalArgumentException if it names a tool the server does not serve now
   */
  CountedFault<McpFault> register(McpFault fault) {
    String tool = toolOf(fault);
    if (tool != null && currentTools().stream().noneMatch(t -> t.name().equals(tool))) {
      throw new IllegalArgumentException("mcp: fault [" + fault.type().wireName() + "] names tool [" + tool
          + "], which the server does not serve now; tools: " + names(currentTools()));
    }
    if (fault instanceof McpFault.RenameTool rename
        && currentTools().stream().anyMatch(t -> t.name().equals(rename.to()))) {
      throw new IllegalArgumentException("mcp: fault [rename_tool] renames [" + rename.from() + "] to ["
          + rename.to() + "], a name already served");
    }
    if (fault instanceof McpFault.ExpireAuthorization) {
      expiredTokens.addAll(seenTokens);
    }
    InjectedFault injected = registry.inject(fault);
    CountedFault<McpFault> counted = registry.activeFaults().stream().filter(f -> f.id().equals(injected.id()))
        .findFirst().orElseThrow();
    if (fault instanceof McpFault.ExpireSessions) {
      registry.claim(f -> f == fault);
    }
    return counted;
  }

  /** The first active fault of {@code type} on {@code tool} (any tool for null), counted as a hit. */
  <T extends McpFault> Optional<T> claim(Class<T> type, Predicate<T> affects) {
    return registry.claim(f -> type.isInstance(f) && affects.test(type.cast(f))).map(f -> type.cast(f.fault()));
  }

  List<InjectedFault> active() {
    return registry.active();
  }

  boolean heal(String id) {
    return registry.heal(id);
  }

  void healAll() {
    registry.healAll();
  }

  /** The tools served now: the configured ones, renamed and re-schema'd by the active faults, in order. */
  List<McpTool> currentTools() {
    List<McpTool> tools = new ArrayList<>(baseTools);
    for (CountedFault<McpFault> active : registry.activeFaults()) {
      McpFault fault = active.fault();
      for (int i = 0; i < tools.size(); i++) {
        McpTool tool = tools.get(i);
        if (fault instanceof McpFault.RenameTool rename && tool.name().equals(rename.from())) {
          tools.set(i, tool.withName(rename.to()));
        } else if (fault instanceof McpFault.ChangeSchema change && tool.name().equals(change.tool())) {
          tools.set(i, tool.withInputSchema(change.newSchemaJson()));
        }
      }
    }
    return List.copyOf(tools);
  }

  /** Records a token accepted now; an {@code expire_authorization} injected later refuses it. */
  void tokenSeen(String tokenId) {
    if (tokenId != null) {
      seenTokens.add(tokenId);
    }
  }

  /** Whether an active {@code expire_authorization} refuses this token. */
  boolean tokenExpired(String tokenId) {
    return tokenId != null && expiredTokens.contains(tokenId)
        && claim(McpFault.ExpireAuthorization.class, f -> true).isPresent();
  }

  static List<String> names(List<McpTool> tools) {
    return tools.stream().map(McpTool::name).toList();
  }

  private static String toolOf(McpFault fault) {
    if (fault instanceof McpFault.RenameTool rename) {
      return rename.from();
    }
    if (fault instanceof McpFault.ChangeSchema change) {
      return change.tool();
    }
    if (fault instanceof McpFault.DropStream drop) {
      return drop.tool();
    }
    if (fault instanceof McpFault.SlowTool slow) {
      return slow.tool();
    }
    return fault instanceof McpFault.ToolError error ? error.tool() : null;
  }
}
