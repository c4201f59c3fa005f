"""Bug zoo: the Python reference agent, patched to read its client secret
file once, at start, and keep the value. After the secret rotates, its token exchanges are refused."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import procurement_agent as agent  # noqa: E402 - the path must be set first

_read_secret = agent.TokenExchange.read_secret
_cached = {}


def read_secret_once(self):
    if "secret" not in _cached:
        _cached["secret"] = _read_secret(self)
    return _cached["secret"]


agent.TokenExchange.read_secret = read_secret_once

if __name__ == "__main__":
    secret_file = os.environ.get("HARNESS_AGENT_CLIENT_SECRET_FILE")
    if secret_file:
        with open(secret_file, encoding="utf-8") as handle:
            _cached["secret"] = handle.readline().strip()
    sys.exit(agent.main())
