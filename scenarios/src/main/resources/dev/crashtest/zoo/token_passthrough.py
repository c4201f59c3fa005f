"""Bug zoo: the Python reference agent, patched to present the token an
upstream agent passed along with the task (token passthrough) instead of exchanging the user's token for its own."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import procurement_agent as agent  # noqa: E402 - the path must be set first

handed_over = {}
original_submit = agent.ControlHandler.submit


def submit_keeping_the_handoff(self, body):
    if body.get("handoffToken"):
        handed_over["token"] = body["handoffToken"]
    return original_submit(self, body)


def passed_along_token(self):
    return handed_over.get("token") or self.subject_token


agent.ControlHandler.submit = submit_keeping_the_handoff
agent.TokenSource.current = passed_along_token
agent.TokenSource.refresh = passed_along_token

if __name__ == "__main__":
    sys.exit(agent.main())
