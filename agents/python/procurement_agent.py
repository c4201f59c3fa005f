#!/usr/bin/env python3
"""Crashtest reference procurement agent in Python, written from docs/agent-contract.md alone.

Standard library only (Python 3.11). Durable: each task's conversation is journaled in HARNESS_STATE_DIR
after every model answer and every tool result, so after a crash the agent resumes its tasks where they
stood: it asks the model nothing it had an answer to and repeats no tool call it had a result for (the call
in flight at the crash is repeated with the same Idempotency-Key).

Usage:
    HARNESS_MODEL_BASE_URL=... HARNESS_MODEL_API_KEY=... HARNESS_CRM_BASE_URL=... \
    HARNESS_IDP_ISSUER=... HARNESS_AGENT_CLIENT_ID=... HARNESS_AGENT_CLIENT_SECRET_FILE=... \
    HARNESS_AGENT_PORT=41000 HARNESS_STATE_DIR=/tmp/state python3 procurement_agent.py

Logs one line per step to stdout: ``task=<id> step=<n> tool=<name>``. Never logs tokens or secrets.
"""

import base64
import http.client
import json
import os
import signal
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from email.utils import parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MODEL_NAME = "crashtest-procurement"
MAX_RETRIES = 5
MAX_TURNS = 25
MAX_RETRY_WAIT = 60.0
REFRESH_MARGIN = 10.0
HTTP_TIMEOUT = 60.0
REQUIRED_ENV = (
    "HARNESS_MODEL_BASE_URL",
    "HARNESS_MODEL_API_KEY",
    "HARNESS_CRM_BASE_URL",
    "HARNESS_IDP_ISSUER",
    "HARNESS_AGENT_CLIENT_ID",
    "HARNESS_AGENT_CLIENT_SECRET_FILE",
    "HARNESS_AGENT_PORT",
    "HARNESS_STATE_DIR",
)
SYSTEM_PROMPT = (
    "You are a procurement agent. Use the tools to fulfil the user's goal: read the account, "
    "create a quote, request approval, place the order, add a note, then summarise."
)

TOOLS = [
    {"type": "function", "function": {"name": "get_account",
        "description": "Read a CRM account.",
        "parameters": {"type": "object", "properties": {"account_id": {"type": "string"}},
                       "required": ["account_id"]}}},
    {"type": "function", "function": {"name": "create_quote",
        "description": "Create a price quote for an account.",
        "parameters": {"type": "object", "properties": {"account_id": {"type": "string"},
                                                        "sku": {"type": "string"},
                                                        "quantity": {"type": "integer", "minimum": 1}},
                       "required": ["account_id", "sku", "quantity"]}}},
    {"type": "function", "function": {"name": "request_approval",
        "description": "Ask a human to approve a quote before ordering. Blocks until approved.",
        "parameters": {"type": "object", "properties": {"quote_id": {"type": "string"}},
                       "required": ["quote_id"]}}},
    {"type": "function", "function": {"name": "place_order",
        "description": "Place an order for an approved quote.",
        "parameters": {"type": "object", "properties": {"quote_id": {"type": "string"}},
                       "required": ["quote_id"]}}},
    {"type": "function", "function": {"name": "add_note",
        "description": "Add a note to an account.",
        "parameters": {"type": "object", "properties": {"account_id": {"type": "string"},
                                                        "text": {"type": "string"}},
                       "required": ["account_id", "text"]}}},
]

LOG_LOCK = threading.Lock()
# All hosts are 127.0.0.1: never route them through a proxy from http_proxy and friends.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def log(message):
    with LOG_LOCK:
        stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime())
        print(f"{stamp} {message}", flush=True)


class TaskFailed(Exception):
    """A task cannot go on; the message becomes the task's error."""


# ---------------------------------------------------------------- HTTP helpers

def http_call(method, url, body=None, headers=None):
    """One HTTP request. Returns (status, headers, body text); raises OSError on a broken connection."""
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with OPENER.open(request, timeout=HTTP_TIMEOUT) as response:
            return response.status, response.headers, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.headers, error.read().decode("utf-8", errors="replace")


def parse_json(text):
    try:
        return json.loads(text)
    except (ValueError, TypeError):
        return text


def retry_after_seconds(value, retry):
    """Seconds to wait before retry number `retry`: Retry-After (seconds or HTTP date), else backoff."""
    if value:
        try:
            return min(max(float(value), 0.0), MAX_RETRY_WAIT)
        except ValueError:
            try:
                return min(max(parsedate_to_datetime(value).timestamp() - time.time(), 0.0), MAX_RETRY_WAIT)
            except (TypeError, ValueError):
                pass
    return min(0.25 * (2 ** (retry - 1)), 4.0)


# ---------------------------------------------------------------- identity (section 4)

class TokenExchange:
    """RFC 8693 token exchange with client_secret_basic; the secret file is re-read at every exchange."""

    def __init__(self, issuer, client_id, secret_file):
        self.issuer = issuer.rstrip("/")
        self.client_id = client_id
        self.secret_file = secret_file
        self.token_endpoint = None
        self.lock = threading.Lock()

    def endpoint(self):
        with self.lock:
            if self.token_endpoint is None:
                url = self.issuer + "/.well-known/openid-configuration"
                try:
                    status, _, body = http_call("GET", url, headers={"Accept": "application/json"})
                except OSError as error:
                    raise TaskFailed(f"cannot reach the discovery document [{url}]: {error}") from error
                document = parse_json(body)
                if status != 200 or not isinstance(document, dict) or "token_endpoint" not in document:
                    raise TaskFailed(f"discovery document [{url}] answered HTTP {status} without [token_endpoint]")
                self.token_endpoint = document["token_endpoint"]
            return self.token_endpoint

    def read_secret(self):
        try:
            with open(self.secret_file, encoding="utf-8") as handle:
                return handle.readline().strip()
        except OSError as error:
            raise TaskFailed(f"cannot read the client secret file [{self.secret_file}]: {error}") from error

    def exchange(self, subject_token):
        """Returns (access_token, expires_at as time.time())."""
        endpoint = self.endpoint()
        pair = (urllib.parse.quote_plus(self.client_id) + ":" +
                urllib.parse.quote_plus(self.read_secret()))
        form = urllib.parse.urlencode([
            ("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange"),
            ("subject_token", subject_token),
            ("subject_token_type", "urn:ietf:params:oauth:token-type:jwt"),
            ("audience", "crm"),
            ("scope", "crm.read crm.write"),
        ]).encode("utf-8")
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/json",
            "Authorization": "Basic " + base64.b64encode(pair.encode("utf-8")).decode("ascii"),
        }
        retries = 0
        while True:
            retry_after = None
            try:
                status, response_headers, body = http_call("POST", endpoint, form, headers)
                if status < 500:
                    break
                retry_after = response_headers.get("Retry-After")
                last = f"HTTP {status}"
            except OSError as error:
                last = f"unreachable: {error}"
            retries += 1
            if retries > MAX_RETRIES:
                raise TaskFailed(f"token endpoint [{endpoint}] failed after {MAX_RETRIES} retries; last: {last}")
            wait = retry_after_seconds(retry_after, retries)
            log(f"token exchange failed ({last}), retry {retries}/{MAX_RETRIES} in {wait:.2f} s")
            time.sleep(wait)
        answer = parse_json(body)
        if status != 200 or not isinstance(answer, dict) or "access_token" not in answer:
            code = answer.get("error", "unknown") if isinstance(answer, dict) else "unknown"
            raise TaskFailed(f"token exchange refused: HTTP {status} [{code}]")
        return answer["access_token"], time.time() + float(answer.get("expires_in", 60))


class TokenSource:
    """The delegated token of one task: refreshed when it expires within 10 s, or on demand."""

    def __init__(self, exchange, subject_token):
        self.exchange = exchange
        self.subject_token = subject_token
        self.token = None
        self.expires_at = 0.0

    def current(self):
        if self.token is None or self.expires_at - time.time() <= REFRESH_MARGIN:
            return self.refresh()
        return self.token

    def refresh(self):
        self.token, self.expires_at = self.exchange.exchange(self.subject_token)
        return self.token


# ---------------------------------------------------------------- CRM (sections 3.1, 3.2, 5)

class Crm:
    def __init__(self, base_url):
        self.base_url = base_url.rstrip("/")

    def call(self, method, path, tokens, body=None, idempotency_key=None):
        """Returns (status, body text). Retries 5xx and broken connections with the same key; one
        token refresh on 401; a 401 with the fresh token, or a 403, fails the task."""
        data = json.dumps(body).encode("utf-8") if body is not None else None
        token = tokens.current()
        refreshed = False
        failures = 0
        while True:
            headers = {"Authorization": "Bearer " + token, "Accept": "application/json"}
            if data is not None:
                headers["Content-Type"] = "application/json"
            if idempotency_key is not None:
                headers["Idempotency-Key"] = idempotency_key
            try:
                status, _, text = http_call(method, self.base_url + path, data, headers)
                if status == 401 and not refreshed:
                    refreshed = True
                    token = tokens.refresh()
                    continue
                if status in (401, 403):
                    raise TaskFailed(f"CRM refused [{method} {path}]: HTTP {status} {text}; the agent no longer"
                                     " has the authority this task needs")
                if status < 500:
                    return status, text
                last = f"HTTP {status}"
            except OSError as error:
                last = str(error)
            failures += 1
            if failures > MAX_RETRIES:
                raise TaskFailed(f"CRM [{method} {path}] failed {failures} times; last: {last}")
            time.sleep(retry_after_seconds(None, failures))


def segment(value):
    return urllib.parse.quote(str(value), safe="")


def run_crm_tool(crm, tokens, task_id, step, name, args):
    """Runs a CRM-backed tool and returns its tool result as a JSON string."""
    key = f"{task_id}/{step}/{name}"
    if name not in REQUIRED_ARGS:
        return json.dumps({"error": {"error": "unknown_tool", "message": f"no tool named [{name}]"}})
    missing = [field for field in REQUIRED_ARGS[name] if args.get(field) is None]
    if missing:
        return json.dumps({"error": {"error": "invalid_arguments", "message": f"missing argument [{missing[0]}]"}})
    if name == "get_account":
        status, text = crm.call("GET", "/accounts/" + segment(args["account_id"]), tokens)
    elif name == "create_quote":
        body = {"accountId": args["account_id"], "sku": args["sku"], "quantity": args["quantity"]}
        status, text = crm.call("POST", "/quotes", tokens, body, key)
    elif name == "place_order":
        status, text = crm.call("POST", "/orders", tokens, {"quoteId": args["quote_id"]}, key)
    else:
        path = "/accounts/" + segment(args["account_id"]) + "/notes"
        status, text = crm.call("POST", path, tokens, {"text": args["text"]}, key)
    if 200 <= status < 300:
        return text
    return json.dumps({"error": parse_json(text)})


REQUIRED_ARGS = {
    "get_account": ("account_id",),
    "create_quote": ("account_id", "sku", "quantity"),
    "place_order": ("quote_id",),
    "add_note": ("account_id", "text"),
}


# ---------------------------------------------------------------- model (section 3)

class Model:
    def __init__(self, base_url, api_key):
        self.url = base_url.rstrip("/") + "/chat/completions"
        self.api_key = api_key

    def next(self, messages):
        """Returns choices[0].message; retries 429, 5xx and broken answers at most 5 times, honouring Retry-After."""
        body = json.dumps({"model": MODEL_NAME, "messages": messages, "tools": TOOLS}).encode("utf-8")
        headers = {"Content-Type": "application/json", "Accept": "application/json",
                   "Authorization": "Bearer " + self.api_key}
        retries = 0
        while True:
            retry_after = None
            try:
                status, response_headers, text = http_call("POST", self.url, body, headers)
                if status == 200:
                    return json.loads(text)["choices"][0]["message"]
                if status != 429 and status < 500:
                    raise TaskFailed(f"model answered HTTP {status}: {describe_model_error(text)}")
                retry_after = response_headers.get("Retry-After")
                last = f"HTTP {status}: {describe_model_error(text)}"
            except OSError as error:
                last = f"model endpoint unreachable: {error}"
            except http.client.HTTPException as error:
                last = f"model answer broke off: {error!r}"
            except (ValueError, KeyError, IndexError) as error:
                raise TaskFailed(f"model answered something that is not a chat completion: {error}") from error
            retries += 1
            if retries > MAX_RETRIES:
                raise TaskFailed(f"model failed after {MAX_RETRIES} retries; last: {last}")
            wait = retry_after_seconds(retry_after, retries)
            log(f"model call failed ({last}), retry {retries}/{MAX_RETRIES} in {wait:.2f} s")
            time.sleep(wait)


def describe_model_error(text):
    body = parse_json(text)
    if isinstance(body, dict) and isinstance(body.get("error"), dict):
        return body["error"].get("message") or body["error"].get("type") or "error"
    return str(text)[:200]


# ---------------------------------------------------------------- tasks

class Task:
    def __init__(self, task_id, goal, user_token):
        self.task_id = task_id
        self.goal = goal
        self.user_token = user_token
        self.status = "RUNNING"
        self.result = None
        self.error = None
        self.approver = None
        self.messages = []
        self.condition = threading.Condition()

    def record(self):
        with self.condition:
            status = "RUNNING" if self.status == "AWAITING_APPROVAL" else self.status
            return {"taskId": self.task_id, "goal": self.goal, "userToken": self.user_token, "status": status,
                    "result": self.result, "error": self.error, "messages": list(self.messages)}

    @staticmethod
    def restore(record):
        task = Task(record["taskId"], record["goal"], record["userToken"])
        task.status, task.result, task.error = record["status"], record.get("result"), record.get("error")
        task.messages = record.get("messages") or []
        return task

    def view(self):
        with self.condition:
            answer = {"taskId": self.task_id, "status": self.status}
            if self.result is not None:
                answer["result"] = self.result
            if self.error is not None:
                answer["error"] = self.error
            return answer

    def finish(self, status, result=None, error=None):
        with self.condition:
            self.status, self.result, self.error = status, result, error

    def await_approval(self):
        with self.condition:
            self.approver = None
            self.status = "AWAITING_APPROVAL"
            while self.approver is None:
                self.condition.wait()
            return self.approver

    def approve(self, approver):
        with self.condition:
            if self.status != "AWAITING_APPROVAL":
                return False
            self.approver = approver
            self.status = "RUNNING"
            self.condition.notify_all()
            return True


class Journal:
    """Each task's progress as one JSON file in HARNESS_STATE_DIR, replaced atomically after every step."""

    def __init__(self, directory):
        self.directory = directory
        os.makedirs(directory, exist_ok=True)

    def path(self, task_id):
        return os.path.join(self.directory, "task-" + urllib.parse.quote(task_id, safe="") + ".json")

    def save(self, task):
        target = self.path(task.task_id)
        with open(target + ".tmp", "w", encoding="utf-8") as handle:
            json.dump(task.record(), handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(target + ".tmp", target)

    def load(self):
        tasks = []
        for name in sorted(os.listdir(self.directory)):
            if name.startswith("task-") and name.endswith(".json"):
                with open(os.path.join(self.directory, name), encoding="utf-8") as handle:
                    tasks.append(Task.restore(json.load(handle)))
        return tasks


def pending_calls(messages):
    """The tool calls of the last model answer that have no result yet (after a crash mid-step)."""
    for index in range(len(messages) - 1, -1, -1):
        message = messages[index]
        if message.get("role") == "assistant":
            done = len(messages) - 1 - index
            return (message.get("tool_calls") or [])[done:]
    return []


class Agent:
    def __init__(self, env):
        self.model = Model(env["HARNESS_MODEL_BASE_URL"], env["HARNESS_MODEL_API_KEY"])
        self.crm = Crm(env["HARNESS_CRM_BASE_URL"])
        self.exchange = TokenExchange(env["HARNESS_IDP_ISSUER"], env["HARNESS_AGENT_CLIENT_ID"],
                                      env["HARNESS_AGENT_CLIENT_SECRET_FILE"])
        self.journal = Journal(env["HARNESS_STATE_DIR"])
        self.tasks = {}
        self.lock = threading.Lock()

    def resume(self):
        """Loads the journaled tasks before the control API answers; unfinished ones go on where they stood."""
        for task in self.journal.load():
            self.tasks[task.task_id] = task
            if task.status == "RUNNING":
                log(f"task={task.task_id} resumed from the journal status=RUNNING")
                self.start(task)

    def submit(self, task_id, goal, user_token):
        with self.lock:
            known = self.tasks.get(task_id)
            if known is not None:
                log(f"task={task_id} duplicate submission ignored")
                return known.view()
            task = Task(task_id, goal, user_token)
            self.journal.save(task)
            self.tasks[task_id] = task
        log(f"task={task_id} status=RUNNING runtime=journal")
        self.start(task)
        return task.view()

    def start(self, task):
        threading.Thread(target=self.run, args=(task,), name=f"task-{task.task_id}", daemon=True).start()

    def find(self, task_id):
        with self.lock:
            return self.tasks.get(task_id)

    def run(self, task):
        try:
            result = self.loop(task)
            self.finish(task, "COMPLETED", result=result)
            log(f"task={task.task_id} status=COMPLETED")
        except TaskFailed as error:
            self.finish(task, "FAILED", error=str(error))
            log(f"task={task.task_id} status=FAILED error={error}")
        except Exception as error:  # noqa: BLE001 - any bug must still end the task as FAILED
            self.finish(task, "FAILED", error=f"{type(error).__name__}: {error}")
            log(f"task={task.task_id} status=FAILED error={type(error).__name__}: {error}")

    def finish(self, task, status, result=None, error=None):
        task.finish(status, result=result, error=error)
        self.journal.save(task)

    def loop(self, task):
        """The tool-calling loop, journaled: a resumed task starts from the last answer it had."""
        tokens = TokenSource(self.exchange, task.user_token)
        messages = task.messages
        if not messages:
            messages.extend([{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": task.goal}])
        for turn in range(1, MAX_TURNS + 1):
            calls = pending_calls(messages)
            if not calls:
                log(f"task={task.task_id} turn={turn} model={MODEL_NAME}")
                message = self.model.next(messages)
                calls = message.get("tool_calls") or []
                if not calls:
                    return message.get("content") or ""
                messages.append(assistant_message(message))
                self.journal.save(task)
            for call in calls:
                step = sum(1 for message in messages if message.get("role") == "tool") + 1
                name = call["function"]["name"]
                log(f"task={task.task_id} step={step} tool={name}")
                result = self.run_tool(task, tokens, step, name, call["function"].get("arguments") or "{}")
                messages.append({"role": "tool", "tool_call_id": call["id"], "content": result})
                self.journal.save(task)
        raise TaskFailed(f"the model did not finish within {MAX_TURNS} turns")

    def run_tool(self, task, tokens, step, name, raw_arguments):
        try:
            args = json.loads(raw_arguments)
        except ValueError:
            args = None
        if not isinstance(args, dict):
            return json.dumps({"error": {"error": "invalid_arguments", "message": "arguments are not a JSON object"}})
        if name == "request_approval":
            log(f"task={task.task_id} status=AWAITING_APPROVAL")
            approver = task.await_approval()
            log(f"task={task.task_id} approved status=RUNNING")
            return json.dumps({"approved": True, "approver": approver})
        return run_crm_tool(self.crm, tokens, task.task_id, step, name, args)


def assistant_message(message):
    """The assistant message to append: role, content and tool_calls as the model sent them."""
    kept = {"role": "assistant", "content": message.get("content")}
    if message.get("tool_calls"):
        kept["tool_calls"] = message["tool_calls"]
    return kept


# ---------------------------------------------------------------- control API (section 2)

class ControlHandler(BaseHTTPRequestHandler):
    agent = None  # set by make_server
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # noqa: A002 - the signature is BaseHTTPRequestHandler's
        pass

    def send_json(self, status, body):
        data = json.dumps(body).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def read_object(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length > 0 else b""
        if not raw.strip():
            return {}
        try:
            body = json.loads(raw.decode("utf-8"))
        except (ValueError, UnicodeDecodeError) as error:
            raise ValueError(f"malformed JSON: {error}") from error
        if not isinstance(body, dict):
            raise ValueError("the body must be a JSON object")
        return body

    def parts(self):
        path = urllib.parse.urlsplit(self.path).path
        return [part for part in path.split("/") if part]

    def do_GET(self):  # noqa: N802 - the name is BaseHTTPRequestHandler's
        parts = self.parts()
        if parts == ["health"]:
            self.send_json(200, {"status": "UP", "runtime": "journal"})
        elif len(parts) == 2 and parts[0] == "tasks":
            task = self.agent.find(parts[1])
            if task is None:
                self.send_json(404, {"error": "unknown task"})
            else:
                self.send_json(200, task.view())
        else:
            self.send_json(404, {"error": f"no such endpoint [GET {self.path}]"})

    def do_POST(self):  # noqa: N802 - the name is BaseHTTPRequestHandler's
        parts = self.parts()
        try:
            body = self.read_object()
        except ValueError as error:
            self.send_json(400, {"error": str(error)})
            return
        if parts == ["tasks"]:
            self.submit(body)
        elif len(parts) == 3 and parts[0] == "tasks" and parts[2] == "approve":
            self.approve(parts[1], body)
        else:
            self.send_json(404, {"error": f"no such endpoint [POST {self.path}]"})

    def submit(self, body):
        for field in ("taskId", "goal", "userToken"):
            if not isinstance(body.get(field), str) or not body[field]:
                self.send_json(400, {"error": f"missing field [{field}]"})
                return
        view = self.agent.submit(body["taskId"], body["goal"], body["userToken"])
        self.send_json(202, {"taskId": view["taskId"], "status": view["status"]})

    def approve(self, task_id, body):
        task = self.agent.find(task_id)
        if task is None:
            self.send_json(404, {"error": "unknown task"})
            return
        approver = body.get("approver") if isinstance(body.get("approver"), str) and body.get("approver") else "unknown"
        if not task.approve(approver):
            self.send_json(409, {"error": "task is not awaiting approval"})
            return
        self.send_json(202, {"taskId": task_id, "status": task.view()["status"]})


def make_server(agent, port):
    handler = type("BoundControlHandler", (ControlHandler,), {"agent": agent})
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    return server


def main():
    missing = [name for name in REQUIRED_ENV if not os.environ.get(name, "").strip()]
    if missing:
        print(f"procurement_agent.py: missing environment variable [{missing[0]}]; "
              f"see docs/agent-contract.md, section 1", file=sys.stderr)
        return 2
    try:
        port = int(os.environ["HARNESS_AGENT_PORT"])
    except ValueError:
        print(f"procurement_agent.py: HARNESS_AGENT_PORT [{os.environ['HARNESS_AGENT_PORT']}] is not a port",
              file=sys.stderr)
        return 2
    agent = Agent({name: os.environ[name].strip() for name in REQUIRED_ENV})
    agent.resume()
    server = make_server(agent, port)

    def stop(signum, frame):  # noqa: ARG001 - the signature is signal's
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    log(f"procurement-agent (python) listening on http://127.0.0.1:{port} runtime=journal model=plain")
    try:
        server.serve_forever()
    finally:
        server.server_close()
        log("procurement-agent (python) stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
