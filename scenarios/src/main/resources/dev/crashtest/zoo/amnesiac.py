"""Bug zoo: the Python reference agent, patched to keep its tasks in memory only: it writes no journal to
HARNESS_STATE_DIR, so after a crash it no longer knows the task it was working on."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import procurement_agent as agent  # noqa: E402 - the path must be set first

agent.Journal.save = lambda self, task: None
agent.Journal.load = lambda self: []

if __name__ == "__main__":
    sys.exit(agent.main())
