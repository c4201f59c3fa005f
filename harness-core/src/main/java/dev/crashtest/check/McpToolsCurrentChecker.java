package dev.crashtest.check;

import dev.crashtest.fakes.mcp.McpEvents;
import dev.crashtest.history.History;
import dev.crashtest.history.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An agent never calls an MCP tool it has been told is gone. A {@code tools_call} the MCP server refused as an
 * unknown tool ({@code unknownTool}) is a violation when, on the same session, the server had announced
 * {@code notifications/tools/list_changed} since the session's latest {@code tools_list} (the agent was told and did
 * not list again), or when that latest listing did not have the tool (or the agent never listed on the session: it
 * called from a list it held elsewhere). A call of a tool that vanished with no announcement reaching the session,
 * after a listing that had it, is not blamed: the agent could not have known.
 *
 * <pre>{@code
 * CheckResult result = Checks.mcpToolsCurrent().check(history);
 * // FAIL: agent called [place_order] on MCP session [s-1] at op #25 although the server had announced
 * //       notifications/tools/list_changed to that session at op #21 ...
 * }</pre>
 */
final class McpToolsCurrentChecker implements Checker {

  @Override
  public String name() {
    return "mcp-tools-current";
  }

  @Override
  public CheckResult check(History history) {
    List<Op> mcp = history.select(op -> McpEvents.SERVICE.equals(op.service()));
    if (mcp.isEmpty()) {
      return CheckResult.pass(name(), "MCP was not used: the history holds no event of an MCP server");
    }
    List<String> problems = new ArrayList<>();
    List<Long> evidence = new ArrayList<>();
    List<Op> calls = mcp.stream().filter(op -> op.operation().equals(McpEvents.TOOLS_CALL)).toList();
    List<Op> unforeseeable = new ArrayList<>();
    for (Op call : calls.stream().filter(op -> op.flag(McpEvents.UNKNOWN_TOOL)).toList()) {
      String session = call.text(McpEvents.SESSION_ID);
      Optional<Op> listing = latestBefore(mcp, call, session, McpEvents.TOOLS_LIST);
      long listedAt = listing.map(Op::index).orElse(-1L);
      Optional<Op> announced = mcp.stream().filter(op -> op.index() > listedAt && op.index() < call.index()
          && onSession(op, session) && op.operation().equals(McpEvents.NOTIFICATION)
          && McpEvents.TOOLS_LIST_CHANGED.equals(op.text(McpEvents.METHOD))).findFirst();
      String tool = call.text(McpEvents.TOOL);
      String called = "agent called [" + tool + "] on MCP session [" + session + "] at op #" + call.index();
      if (announced.isPresent()) {
        problems.add(called + " although the server had announced " + McpEvents.TOOLS_LIST_CHANGED + " to that"
            + " session at op #" + announced.get().index() + " and the agent had not listed the tools since");
        evidence.addAll(List.of(announced.get().index(), call.index()));
      } else if (listing.isEmpty()) {
        problems.add(called + " without ever listing the tools on that session");
        evidence.add(call.index());
      } else if (!listing.get().list(McpEvents.TOOLS).contains(tool)) {
        problems.add(called + " although the session's latest tools/list (op #" + listing.get().index()
            + ") did not have it");
        evidence.addAll(List.of(listing.get().index(), call.index()));
      } else {
        unforeseeable.add(call);
      }
    }
    if (!problems.isEmpty()) {
      return CheckResult.fail(name(), String.join("; ", problems) + "; on " + McpEvents.TOOLS_LIST_CHANGED
          + " (or an unknown-tool error) list the tools again and offer the model only the tools of the new list",
          evidence);
    }
    return CheckResult.pass(name(), calls.size() + " MCP tool call(s), none of a tool the agent had been told was"
        + " gone" + (unforeseeable.isEmpty() ? "" : "; " + unforeseeable.size() + " call(s) of a vanished tool no"
        + " announcement had reached (" + String.join(", ", unforeseeable.stream().map(op -> "[" + op.text(
        McpEvents.TOOL) + "] at op #" + op.index()).toList()) + ")"));
  }

  private static Optional<Op> latestBefore(List<Op> mcp, Op call, String session, String operation) {
    return mcp.stream().filter(op -> op.index() < call.index() && onSession(op, session)
        && op.operation().equals(operation)).reduce((first, second) -> second);
  }

  private static boolean onSession(Op op, String session) {
    return session != null && session.equals(op.text(McpEvents.SESSION_ID));
  }
}
