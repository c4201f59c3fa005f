"""Bug zoo: the Python reference agent, patched to retry a throttled model at once (after 50 ms), ignoring the
Retry-After the model sent."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import procurement_agent as agent  # noqa: E402 - the path must be set first

agent.retry_after_seconds = lambda value, retry: 0.05

if __name__ == "__main__":
    sys.exit(agent.main())
