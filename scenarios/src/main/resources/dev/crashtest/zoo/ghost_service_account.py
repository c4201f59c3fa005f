"""Bug zoo: the Python reference agent, patched to ask for a
client_credentials token of its own instead of exchanging the user's token. Every write then names the agent and
nobody it acts for: a ghost service account."""
import base64
import os
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import procurement_agent as agent  # noqa: E402 - the path must be set first


def service_account_token(self, subject_token, audience="crm", scopes=("crm.read", "crm.write")):
    pair = urllib.parse.quote_plus(self.client_id) + ":" + urllib.parse.quote_plus(self.read_secret())
    fields = [("grant_type", "client_credentials"), ("audience", audience)]
    if scopes:
        fields.append(("scope", " ".join(scopes)))
    form = urllib.parse.urlencode(fields).encode("utf-8")
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json",
               "Authorization": "Basic " + base64.b64encode(pair.encode("utf-8")).decode("ascii")}
    status, _, body = agent.http_call("POST", self.endpoint(), form, headers)
    answer = agent.parse_json(body)
    if status != 200 or not isinstance(answer, dict) or "access_token" not in answer:
        raise agent.TaskFailed(f"client_credentials refused: HTTP {status}")
    return answer["access_token"], time.time() + float(answer.get("expires_in", 60))


agent.TokenExchange.exchange = service_account_token

if __name__ == "__main__":
    sys.exit(agent.main())
