"""Bug zoo: the Python reference agent, patched to ignore notifications/tools/list_changed: it keeps offering the
model the tool list it fetched first, so after a rename the model asks for the vanished name and the agent sends it
to the MCP server. Only the server's unknown-tool error makes it list again; it then asks the model once more with
the new list and runs what the model picks, so the task still completes: nothing but mcp-tools-current sees that
it called a tool it had been told was gone."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import procurement_agent as agent  # noqa: E402 - the path must be set first

_watch = agent.McpClient.watch
_run_tool = agent.Agent.run_tool


def deaf_to_list_changed(self, message):
    if message.get("method") != "notifications/tools/list_changed":
        _watch(self, message)


def is_unknown_tool(result):
    answer = agent.parse_json(result)
    return isinstance(answer, dict) and isinstance(answer.get("error"), dict) \
        and answer["error"].get("error") == "unknown_tool"


def list_again_and_ask_again(self, task, tokens, step, name, raw_arguments):
    result = _run_tool(self, task, tokens, step, name, raw_arguments)
    if self.mcp is None or not is_unknown_tool(result):
        return result
    # The unknown-tool error marked the list stale: definitions() lists again. Ask the model the same turn anew.
    message = self.model.next(task.messages[:-1], self.mcp.definitions(task.task_id, tokens))
    calls = message.get("tool_calls") or []
    if len(calls) != 1:
        return result
    again = calls[0]["function"]
    return _run_tool(self, task, tokens, step, again["name"], again.get("arguments") or "{}")


agent.McpClient.watch = deaf_to_list_changed
agent.Agent.run_tool = list_again_and_ask_again

if __name__ == "__main__":
    sys.exit(agent.main())
