"""Bug zoo: the Python reference agent, patched never to retry: one 429, 5xx or broken connection from the model
or the CRM fails the task."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import procurement_agent as agent  # noqa: E402 - the path must be set first

agent.MAX_RETRIES = 0

if __name__ == "__main__":
    sys.exit(agent.main())
