"""Bug zoo: the Python reference agent, patched to skip the token exchange
and call the CRM with the user's own token. Every write then names a user and no agent: borrowed credentials."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import procurement_agent as agent  # noqa: E402 - the path must be set first


def users_own_token(self):
    return self.subject_token


agent.TokenSource.current = users_own_token
agent.TokenSource.refresh = users_own_token

if __name__ == "__main__":
    sys.exit(agent.main())
