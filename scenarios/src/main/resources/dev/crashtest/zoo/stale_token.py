"""Bug zoo: the Python reference agent, patched to authenticate once per task: it exchanges the user's token for
a delegated token at the first CRM call and keeps presenting it, expired or not, never asking for a fresh one."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import procurement_agent as agent  # noqa: E402 - the path must be set first

_refresh = agent.TokenSource.refresh


def first_token_forever(self):
    if self.token is None:
        return _refresh(self)
    return self.token


agent.TokenSource.current = first_token_forever
agent.TokenSource.refresh = first_token_forever

if __name__ == "__main__":
    sys.exit(agent.main())
