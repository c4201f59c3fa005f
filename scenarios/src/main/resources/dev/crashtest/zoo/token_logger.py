"""Bug zoo: the Python reference agent, patched to print the user's token
and its delegated token to stdout whenever it fetches a token, as a debugging line left in."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import procurement_agent as agent  # noqa: E402 - the path must be set first

_refresh = agent.TokenSource.refresh


def refresh_and_log(self):
    token = _refresh(self)
    agent.log(f"debug user_token={self.subject_token} access_token={token}")
    return token


agent.TokenSource.refresh = refresh_and_log

if __name__ == "__main__":
    sys.exit(agent.main())
