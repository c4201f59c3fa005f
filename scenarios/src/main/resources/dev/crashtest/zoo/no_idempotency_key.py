"""Bug zoo: the Python reference agent, patched to send its CRM writes without an Idempotency-Key, so a retry
after a lost answer writes twice."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import procurement_agent as agent  # noqa: E402 - the path must be set first

_call = agent.Crm.call


def call_without_key(self, method, path, tokens, body=None, idempotency_key=None):
    return _call(self, method, path, tokens, body, None)


agent.Crm.call = call_without_key

if __name__ == "__main__":
    sys.exit(agent.main())
