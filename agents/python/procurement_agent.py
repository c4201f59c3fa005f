#!/usr/bin/env python3
"""Crashtest reference agent in Python, written from docs/agent-contract.md alone.

Runs procurement (built in) or any workload: when HARNESS_WORKLOAD_FILE names a workload file, its tools are
sent to the model and each is run as its HTTP call on its service (contract, section 3.3). Procurement is the
same data built in, so both take one code path. When HARNESS_MCP_URL is set, the tools come from that MCP server
instead (tools/list) and each call is a tools/call on it (section 3.4), through a small Streamable HTTP client.

Standard library only (Python 3.11). Durable: each task's conversation is journaled in HARNESS_STATE_DIR
after every model answer and every tool result, so after a crash the agent resumes its tasks where they
stood: it asks the model nothing it had an answer to and repeats no tool call it had a result for (the call
in flight at the crash is repeated with the same Idempotency-Key).

Usage:
    HARNESS_MODEL_BASE_URL=... HARNESS_MODEL_API_KEY=... HARNESS_CRM_BASE_URL=... \
    HARNESS_IDP_ISSUER=... HARNESS_AGENT_CLIENT_ID=... HARNESS_AGENT_CLIENT_SECRET_FILE=... \
    HARNESS_AGENT_PORT=41000 HARNESS_STATE_DIR=/tmp/state [HARNESS_WORKLOAD_FILE=workload.json] \
    python3 procurement_agent.py

Logs one line per step to stdout: ``task=<id> step=<n> tool=<name>``. Never logs tokens or secrets.
"""

import base64
import http.client
import json
import os
import re
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
    "HARNESS_CRM_BASE_URL",  # procurement's only: not required with a workload file
    "HARNESS_IDP_ISSUER",
    "HARNESS_AGENT_CLIENT_ID",
    "HARNESS_AGENT_CLIENT_SECRET_FILE",
    "HARNESS_AGENT_PORT",
    "HARNESS_STATE_DIR",
)
OPTIONAL_ENV = ("HARNESS_WORKLOAD_FILE", "HARNESS_MCP_URL", "HARNESS_MCP_TOOL_TIMEOUT_MS")
SYSTEM_PROMPT = (
    "You are a procurement agent. Use the tools to fulfil the user's goal: read the account, "
    "create a quote, request approval, place the order, add a note, then summarise."
)
GENERIC_SYSTEM_PROMPT = "You are an agent. Use the tools to fulfil the user's goal, then summarise what you did."
WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
HTTP_METHODS = ("GET",) + WRITE_METHODS

# Procurement (section 3) as workload data, in the shape of a HARNESS_WORKLOAD_FILE (section 3.3).
PROCUREMENT = {
    "name": "procurement",
    "model": MODEL_NAME,
    "instructions": SYSTEM_PROMPT,
    "tools": [
        {"name": "get_account", "description": "Read a CRM account.",
         "parameters": {"type": "object", "properties": {"account_id": {"type": "string"}},
                        "required": ["account_id"]},
         "service": "crm", "method": "GET", "path": "/accounts/{account_id}", "body": None, "gate": False,
         "scope": "crm.read"},
        {"name": "create_quote", "description": "Create a price quote for an account.",
         "parameters": {"type": "object", "properties": {"account_id": {"type": "string"},
                                                         "sku": {"type": "string"},
                                                         "quantity": {"type": "integer", "minimum": 1}},
                        "required": ["account_id", "sku", "quantity"]},
         "service": "crm", "method": "POST", "path": "/quotes",
         "body": {"accountId": "{account_id}", "sku": "{sku}", "quantity": "{quantity}"}, "gate": False,
         "scope": "crm.write"},
        {"name": "request_approval",
         "description": "Ask a human to approve a quote before ordering. Blocks until approved.",
         "parameters": {"type": "object", "properties": {"quote_id": {"type": "string"}},
                        "required": ["quote_id"]},
         "gate": True},
        {"name": "place_order", "description": "Place an order for an approved quote.",
         "parameters": {"type": "object", "properties": {"quote_id": {"type": "string"}},
                        "required": ["quote_id"]},
         "service": "crm", "method": "POST", "path": "/orders", "body": {"quoteId": "{quote_id}"}, "gate": False,
         "scope": "crm.write"},
        {"name": "add_note", "description": "Add a note to an account.",
         "parameters": {"type": "object", "properties": {"account_id": {"type": "string"},
                                                         "text": {"type": "string"}},
                        "required": ["account_id", "text"]},
         "service": "crm", "method": "POST", "path": "/accounts/{account_id}/notes", "body": {"text": "{text}"},
         "gate": False, "scope": "crm.write"},
    ],
}


def tool_definitions(workload):
    """The `tools` sent to the model: name, description and parameters of every workload tool."""
    definitions = []
    for tool in workload["tools"]:
        function = {"name": tool["name"]}
        if tool.get("description") is not None:
            function["description"] = tool["description"]
        function["parameters"] = tool.get("parameters") or {"type": "object", "properties": {}}
        definitions.append({"type": "function", "function": function})
    return definitions


TOOLS = tool_definitions(PROCUREMENT)

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

    def exchange(self, subject_token, audience="crm", scopes=("crm.read", "crm.write")):
        """Returns (access_token, expires_at as time.time()). `audience` is the service's name, `scopes` what its
        tools declare; no `scope` parameter when there are none (the identity provider grants what the user
        delegated)."""
        endpoint = self.endpoint()
        pair = (urllib.parse.quote_plus(self.client_id) + ":" +
                urllib.parse.quote_plus(self.read_secret()))
        form = urllib.parse.urlencode(exchange_form(subject_token, audience, scopes)).encode("utf-8")
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


def exchange_form(subject_token, audience, scopes):
    """The token exchange's form parameters, in the contract's order."""
    form = [
        ("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange"),
        ("subject_token", subject_token),
        ("subject_token_type", "urn:ietf:params:oauth:token-type:jwt"),
        ("audience", audience),
    ]
    if scopes:
        form.append(("scope", " ".join(scopes)))
    return form


class TokenSource:
    """The delegated token of one task for one service: refreshed when it expires within 10 s, or on demand."""

    def __init__(self, exchange, subject_token, audience="crm", scopes=("crm.read", "crm.write")):
        self.exchange = exchange
        self.subject_token = subject_token
        self.audience = audience
        self.scopes = tuple(scopes)
        self.token = None
        self.expires_at = 0.0

    def current(self):
        if self.token is None or self.expires_at - time.time() <= REFRESH_MARGIN:
            return self.refresh()
        return self.token

    def refresh(self):
        self.token, self.expires_at = self.exchange.exchange(self.subject_token, self.audience, self.scopes)
        return self.token


# ---------------------------------------------------------------- services (sections 3.1, 3.2, 3.3, 5)

class Service:
    """One workload service (procurement's is the CRM): retries, token refresh and refusals of section 5."""

    def __init__(self, base_url, name="crm"):
        self.base_url = base_url.rstrip("/")
        # The CRM keeps the name procurement's task errors have always used.
        self.label = "CRM" if name == "crm" else f"service [{name}]"

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
                    raise TaskFailed(f"{self.label} refused [{method} {path}]: HTTP {status} {text}; the agent no"
                                     " longer has the authority this task needs")
                if status < 500:
                    return status, text
                last = f"HTTP {status}"
            except OSError as error:
                last = str(error)
            failures += 1
            if failures > MAX_RETRIES:
                raise TaskFailed(f"{self.label} [{method} {path}] failed {failures} times; last: {last}")
            time.sleep(retry_after_seconds(None, failures))


Crm = Service


class MissingArgument(Exception):
    """The model's arguments lack one a tool's path or body template needs."""


PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_.-]*)\}")


def segment(value):
    return urllib.parse.quote(str(value), safe="")


def argument(args, name):
    value = args.get(name)
    if value is None:
        raise MissingArgument(f"missing argument [{name}]")
    return value


def argument_text(value):
    return value if isinstance(value, str) else json.dumps(value)


def render_path(template, args):
    """The path with every {param} replaced by the argument, URL-encoded as one segment."""
    return PLACEHOLDER.sub(lambda match: segment(argument_text(argument(args, match.group(1)))), template)


def render_body(template, args, required=()):
    """The JSON body from its template: "{param}" alone keeps the argument's JSON value, "text {param}" is
    interpolation, anything else is copied; "{param}" alone for an optional parameter not sent leaves the field
    out. Raises MissingArgument for any other argument that is not there."""
    if template is None:
        return None

    def absent_optional(value):
        if not isinstance(value, str):
            return False
        match = PLACEHOLDER.fullmatch(value)
        return bool(match) and match.group(1) not in required and args.get(match.group(1)) is None

    def render(value):
        if isinstance(value, dict):
            return {key: render(item) for key, item in value.items() if not absent_optional(item)}
        if isinstance(value, list):
            return [None if absent_optional(item) else render(item) for item in value]
        if not isinstance(value, str):
            return value
        match = PLACEHOLDER.fullmatch(value)
        if match:
            return argument(args, match.group(1))
        return PLACEHOLDER.sub(lambda found: argument_text(argument(args, found.group(1))), value)

    return render(template)


def is_write(tool):
    return not tool.get("gate") and tool["method"].upper() in WRITE_METHODS


def failed_write(workload, messages):
    """The write tool whose latest result in the conversation is an error, or None: a model that ends the task
    after a failed write has given up, and the task must end FAILED with its reason (contract, section 3)."""
    names = {}
    latest = {}
    for message in messages:
        for call in message.get("tool_calls") or []:
            names[call.get("id")] = call["function"]["name"]
        if message.get("role") == "tool":
            latest[names.get(message.get("tool_call_id"))] = message.get("content") or ""
    for name, content in latest.items():
        tool = find_tool(workload, name) if name else None
        result = parse_json(content)
        if tool and is_write(tool) and isinstance(result, dict) and "error" in result:
            return name
    return None


def tool_error(code, message):
    return json.dumps({"error": {"error": code, "message": message}})


def run_service_tool(workload, services, tokens_for, task_id, step, name, args):
    """Runs a workload tool as its HTTP call and returns its tool result as a JSON string: the response body on
    success, {"error": <body>} on a 4xx. Every write carries Idempotency-Key {taskId}/{step}/{tool}."""
    tool = find_tool(workload, name)
    if tool is None or tool.get("gate"):
        return tool_error("unknown_tool", f"no tool named [{name}]")
    method = tool["method"].upper()
    try:
        path = render_path(tool["path"], args)
        body = None
        if is_write(tool) and method != "DELETE":
            body = render_body(tool.get("body"), args, (tool.get("parameters") or {}).get("required") or ())
    except MissingArgument as error:
        return tool_error("invalid_arguments", str(error))
    key = f"{task_id}/{step}/{name}" if is_write(tool) else None
    status, text = services[tool["service"]].call(method, path, tokens_for(tool["service"]), body, key)
    if 200 <= status < 300:
        return text if text.strip() else "{}"
    return json.dumps({"error": parse_json(text)})


def find_tool(workload, name):
    return next((tool for tool in workload["tools"] if tool["name"] == name), None)


def all_scopes(workload):
    """The scopes every tool declares, each once, in tool order: what the token for the MCP server asks for."""
    scopes = []
    for tool in workload["tools"]:
        if not tool.get("gate"):
            for scope in (tool.get("scope") or " ".join(tool.get("scopes") or ())).split():
                if scope not in scopes:
                    scopes.append(scope)
    return scopes


def mcp_timeout(env):
    """HARNESS_MCP_TOOL_TIMEOUT_MS in seconds (10 by default)."""
    raw = (env.get("HARNESS_MCP_TOOL_TIMEOUT_MS") or "").strip()
    try:
        millis = int(raw) if raw else DEFAULT_MCP_TIMEOUT_MS
    except ValueError:
        raise WorkloadError(f"HARNESS_MCP_TOOL_TIMEOUT_MS [{raw}] is not a number of milliseconds") from None
    return max(millis, 1) / 1000.0


def service_scopes(workload, service):
    """The scopes the tools on `service` declare, each once, in tool order."""
    scopes = []
    for tool in workload["tools"]:
        if not tool.get("gate") and tool["service"] == service:
            declared = tool.get("scope") or " ".join(tool.get("scopes") or ())
            for scope in declared.split():
                if scope not in scopes:
                    scopes.append(scope)
    return scopes


# ---------------------------------------------------------------- tools over MCP (section 3.4)

MCP_PROTOCOL_VERSION = "2025-06-18"
MCP_AUDIENCE = "mcp"
DEFAULT_MCP_TIMEOUT_MS = 10000
JSONRPC_INVALID_PARAMS = -32602
JSONRPC_INTERNAL_ERROR = -32603


class McpSessionGone(Exception):
    """The server answered 404 to a request carrying our session id: it forgot the session."""


class McpStreamDropped(Exception):
    """The answer broke off before the JSON-RPC response arrived (a dropped SSE stream)."""


class McpRpcError(Exception):
    """A JSON-RPC error answer."""

    def __init__(self, error):
        super().__init__(f"JSON-RPC error {error.get('code')}: {error.get('message')}")
        self.code = error.get("code")
        self.message = str(error.get("message") or "")

    def is_unknown_tool(self):
        return self.code == JSONRPC_INVALID_PARAMS and "unknown tool" in self.message.lower()


def sse_events(lines):
    """The `data` of each server-sent event read from an iterable of byte lines, as text."""
    data = []
    for raw in lines:
        line = raw.decode("utf-8").rstrip("\r\n")
        if not line:
            if data:
                yield "\n".join(data)
            data = []
        elif line.startswith("data:"):
            data.append(line[5:][1:] if line[5:].startswith(" ") else line[5:])
    if data:
        yield "\n".join(data)


class McpClient:
    """One task's session with the MCP server over Streamable HTTP: JSON-RPC over POST, answers as JSON or as an
    SSE stream, the session in Mcp-Session-Id, the token for audience `mcp` as bearer (one fresh exchange on a
    401, a second 401 fails the task), and a GET stream that listens for notifications/tools/list_changed."""

    def __init__(self, url, tokens, timeout):
        parts = urllib.parse.urlsplit(url)
        self.host, self.port = parts.hostname, parts.port or 80
        self.path = parts.path or "/mcp"
        self.tokens = tokens
        self.timeout = timeout
        self.session_id = None
        self.tools = []
        self.stale = True
        self.next_id = 0
        self.lock = threading.Lock()

    def headers(self, accept="application/json, text/event-stream"):
        headers = {"Accept": accept, "Authorization": "Bearer " + self.tokens.current()}
        if self.session_id is not None:
            headers["Mcp-Session-Id"] = self.session_id
            headers["MCP-Protocol-Version"] = MCP_PROTOCOL_VERSION
        return headers

    def send(self, message, refreshed=False):
        """POSTs one JSON-RPC message; returns the response to it (None for a notification)."""
        headers = self.headers()
        headers["Content-Type"] = "application/json"
        connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            connection.request("POST", self.path, json.dumps(message).encode("utf-8"), headers)
            response = connection.getresponse()
            if response.status in (401, 403):
                response.read()
                if refreshed or response.status == 403:
                    raise TaskFailed(f"MCP server refused [{message.get('method')}]: HTTP {response.status}"
                                     f"{' after a fresh token exchange' if refreshed else ''}; the agent no longer"
                                     " has the authority this task needs")
                self.tokens.refresh()
                return self.send(message, refreshed=True)
            if response.status == 404 and "Mcp-Session-Id" in headers:
                response.read()
                raise McpSessionGone(f"session [{headers['Mcp-Session-Id']}] is gone")
            if response.status >= 300:
                text = response.read().decode("utf-8", errors="replace")
                raise OSError(f"MCP server answered HTTP {response.status} to [{message.get('method')}]: {text[:200]}")
            if message.get("method") == "initialize":
                self.session_id = response.getheader("Mcp-Session-Id")
            if "id" not in message:
                response.read()
                return None
            if response.getheader("Content-Type", "").startswith("text/event-stream"):
                return self.from_stream(response, message["id"])
            return json.loads(response.read().decode("utf-8"))
        finally:
            connection.close()

    def from_stream(self, response, request_id):
        for data in sse_events(response):
            received = parse_json(data)
            if not isinstance(received, dict):
                continue
            self.watch(received)
            if received.get("id") == request_id and ("result" in received or "error" in received):
                return received
        raise McpStreamDropped("the SSE stream closed before the answer arrived")

    def watch(self, message):
        if message.get("method") == "notifications/tools/list_changed":
            self.stale = True

    def request(self, method, params):
        with self.lock:
            self.next_id += 1
            request_id = self.next_id
        answer = self.send({"jsonrpc": "2.0", "id": request_id, "method": method, "params": params})
        if "error" in answer:
            raise McpRpcError(answer["error"])
        return answer.get("result") or {}

    def initialize(self):
        self.session_id = None
        self.request("initialize", {"protocolVersion": MCP_PROTOCOL_VERSION, "capabilities": {},
                                    "clientInfo": {"name": "crashtest-python-agent", "version": "0.1.0"}})
        self.send({"jsonrpc": "2.0", "method": "notifications/initialized"})
        if self.session_id is not None:
            threading.Thread(target=self.listen, args=(self.session_id,), daemon=True,
                             name="mcp-listen").start()

    def listen(self, session_id):
        """The GET stream of the session: notifications the server sends outside any answer."""
        while self.session_id == session_id:
            connection = http.client.HTTPConnection(self.host, self.port, timeout=None)
            try:
                connection.request("GET", self.path, headers=self.headers("text/event-stream"))
                response = connection.getresponse()
                if response.status != 200:
                    return  # 405: the server offers no stream; 404/401: the next request will find out
                for data in sse_events(response):
                    received = parse_json(data)
                    if isinstance(received, dict):
                        self.watch(received)
            except (OSError, http.client.HTTPException, TaskFailed):
                pass
            finally:
                connection.close()
            time.sleep(0.5)

    def list_tools(self):
        """tools/list, every page; initializes first when there is no session. The list becomes current."""
        if self.session_id is None:
            self.initialize()
        self.stale = False
        tools, cursor = [], None
        try:
            while True:
                result = self.request("tools/list", {"cursor": cursor} if cursor else {})
                tools.extend(result.get("tools") or [])
                cursor = result.get("nextCursor")
                if not cursor:
                    break
        except Exception:
            self.stale = True
            raise
        self.tools = tools
        return tools

    def call_tool(self, name, args, key):
        if self.session_id is None:
            self.initialize()
        return self.request("tools/call", {"name": name, "arguments": args, "_meta": {"idempotencyKey": key}})

    def close(self):
        session, self.session_id = self.session_id, None
        if session is not None:
            connection = http.client.HTTPConnection(self.host, self.port, timeout=5)
            try:
                connection.request("DELETE", self.path, headers={"Mcp-Session-Id": session,
                                                                 "MCP-Protocol-Version": MCP_PROTOCOL_VERSION})
                connection.getresponse().read()
            except (OSError, http.client.HTTPException):
                pass
            finally:
                connection.close()


def mcp_tool_result(result):
    """A CallToolResult as the tool result the model reads, the same as over REST."""
    text = "".join(item.get("text", "") for item in result.get("content") or [] if item.get("type") == "text")
    parsed = parse_json(text) if text.strip() else None
    if result.get("isError"):
        if isinstance(parsed, dict) and "error" in parsed:
            return json.dumps(parsed)
        return tool_error("tool_error", text or "the MCP tool reported an error")
    if parsed is not None and not isinstance(parsed, str):
        return text
    if result.get("structuredContent") is not None:
        return json.dumps(result["structuredContent"])
    return json.dumps({"text": text}) if text.strip() else "{}"


def mcp_unknown_tool(name):
    return tool_error("unknown_tool", f"no tool named [{name}] in the MCP server's current list")


class McpTools:
    """The workload's tools over MCP: one McpClient per task. A session the server forgot is initialized and
    listed again and the call repeated with the same key; a list_changed notification or an unknown-tool error
    makes the next call list the tools first; a tool not in the current list is never sent; no answer within
    HARNESS_MCP_TOOL_TIMEOUT_MS, a dropped stream or an internal error (-32603) is retried with the same key, at
    most 5 times with backoff, as REST calls are."""

    def __init__(self, url, timeout, workload):
        self.url = url
        self.timeout = timeout
        self.workload = workload
        self.clients = {}
        self.lock = threading.Lock()

    def client(self, task_id, tokens):
        with self.lock:
            if task_id not in self.clients:
                self.clients[task_id] = McpClient(self.url, tokens(MCP_AUDIENCE), self.timeout)
            return self.clients[task_id]

    def definitions(self, task_id, tokens):
        """The tools offered to the model: what the server lists now, then the workload's gate tools."""
        client = self.client(task_id, tokens)
        self.retrying(client, "tools/list", lambda: client.list_tools() if client.stale else client.tools)
        gates = [tool for tool in self.workload["tools"] if tool.get("gate")]
        listed = [{"name": tool["name"], "description": tool.get("description"),
                   "parameters": tool.get("inputSchema") or {"type": "object", "properties": {}}}
                  for tool in client.tools if tool["name"] not in {gate["name"] for gate in gates}]
        return tool_definitions({"tools": listed + gates})

    def call(self, task_id, tokens, step, name, args):
        client = self.client(task_id, tokens)
        key = f"{task_id}/{step}/{name}"

        def attempt():
            if client.stale:
                client.list_tools()
            if name not in {tool["name"] for tool in client.tools}:
                return mcp_unknown_tool(name)
            try:
                return mcp_tool_result(client.call_tool(name, args, key))
            except McpRpcError as error:
                if error.is_unknown_tool():
                    client.stale = True
                    return mcp_unknown_tool(name)
                if error.code == JSONRPC_INTERNAL_ERROR:
                    raise
                return json.dumps({"error": {"error": "mcp_error", "code": error.code, "message": error.message}})
        return self.retrying(client, f"tools/call [{name}] (key {key})", attempt)

    def retrying(self, client, what, action):
        failures = 0
        while True:
            try:
                return action()
            except McpSessionGone as error:
                client.session_id, client.stale = None, True
                last, wait = str(error), False
            except (OSError, http.client.HTTPException, McpStreamDropped, McpRpcError, ValueError) as error:
                client.stale = client.stale or isinstance(error, McpStreamDropped)
                last, wait = (f"no answer within {client.timeout:.1f} s" if isinstance(error, TimeoutError)
                              else str(error)), True
            failures += 1
            if failures > MAX_RETRIES:
                raise TaskFailed(f"MCP server [{self.url}]: {what} failed {failures} times; last: {last}")
            if wait:
                time.sleep(retry_after_seconds(None, failures))


# ---------------------------------------------------------------- workloads (section 3.3)

class WorkloadError(Exception):
    """A workload file the agent cannot run; the message names the file and the field."""


def service_url_variable(service):
    return "HARNESS_SERVICE_" + service.upper().replace("-", "_") + "_URL"


def load_workload(env):
    """(workload, {service: base URL}): the file HARNESS_WORKLOAD_FILE names, or procurement, built in.
    A service's URL is HARNESS_SERVICE_<NAME>_URL, else the file's `services` entry, else (crm only)
    HARNESS_CRM_BASE_URL."""
    path = (env.get("HARNESS_WORKLOAD_FILE") or "").strip()
    if not path:
        return PROCUREMENT, {"crm": env["HARNESS_CRM_BASE_URL"].rstrip("/")}
    try:
        with open(path, encoding="utf-8") as handle:
            document = json.load(handle)
    except (OSError, ValueError) as error:
        raise WorkloadError(f"workload file [{path}] named by HARNESS_WORKLOAD_FILE cannot be read: {error}") from error

    def fail(field, problem):
        return WorkloadError(f"workload file [{path}]: field [{field}] {problem}")

    def text(node, key, field):
        value = node.get(key)
        if value is None:
            raise fail(field, "is missing")
        if not isinstance(value, str) or not value.strip():
            raise fail(field, f"must be a non-empty string; got {json.dumps(value)}")
        return value

    if not isinstance(document, dict):
        raise WorkloadError(f"workload file [{path}]: must be a JSON object with [name], [model], [tools] and [services]")
    workload = {"name": text(document, "name", "name"), "model": text(document, "model", "model"),
                "instructions": document.get("instructions") if isinstance(document.get("instructions"), str)
                else GENERIC_SYSTEM_PROMPT, "tools": []}
    tools = document.get("tools")
    if not isinstance(tools, list) or not tools:
        raise fail("tools", "must be a non-empty array of tools")
    for index, node in enumerate(tools):
        field = f"tools[{index}]"
        if not isinstance(node, dict):
            raise fail(field, "must be a JSON object")
        tool = {"name": text(node, "name", field + ".name"), "description": node.get("description"),
                "parameters": node.get("parameters"), "gate": bool(node.get("gate"))}
        if not isinstance(tool["parameters"], dict):
            raise fail(field + ".parameters", "must be a JSON Schema object")
        if find_tool(workload, tool["name"]) is not None:
            raise fail(field + ".name", f"[{tool['name']}] is used by an earlier tool too")
        if not tool["gate"]:
            tool["service"] = text(node, "service", field + ".service")
            tool["method"] = text(node, "method", field + ".method").upper()
            if tool["method"] not in HTTP_METHODS:
                raise fail(field + ".method", f"[{tool['method']}] is not one of GET, POST, PUT, PATCH, DELETE")
            tool["path"] = text(node, "path", field + ".path")
            if not tool["path"].startswith("/"):
                raise fail(field + ".path", f"[{tool['path']}] must start with /")
            tool["body"] = node.get("body")
            tool["scope"] = node.get("scope") if isinstance(node.get("scope"), str) else \
                " ".join(node.get("scopes") or ()) or None
        workload["tools"].append(tool)
    urls = {}
    listed = document.get("services") if isinstance(document.get("services"), dict) else {}
    for tool in workload["tools"]:
        service = tool.get("service")
        if service is None or service in urls:
            continue
        url = (env.get(service_url_variable(service)) or "").strip() or listed.get(service) or \
            ((env.get("HARNESS_CRM_BASE_URL") or "").strip() if service == "crm" else "")
        if not isinstance(url, str) or not url.strip():
            raise fail(f"services.{service}", f"no base URL for service [{service}]: set "
                       f"{service_url_variable(service)} or give it in the file's [services]")
        urls[service] = url.strip().rstrip("/")
    return workload, urls


# ---------------------------------------------------------------- model (section 3)

class Model:
    def __init__(self, base_url, api_key, name=MODEL_NAME, tools=None):
        self.url = base_url.rstrip("/") + "/chat/completions"
        self.api_key = api_key
        self.name = name
        self.tools = TOOLS if tools is None else tools

    def next(self, messages, tools=None):
        """Returns choices[0].message; retries 429, 5xx and broken answers at most 5 times, honouring Retry-After.
        `tools` replaces the tools the model was built with (over MCP: what the server lists now)."""
        body = json.dumps({"model": self.name, "messages": messages,
                           "tools": self.tools if tools is None else tools}).encode("utf-8")
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
        self.workload, urls = load_workload(env)
        self.model = Model(env["HARNESS_MODEL_BASE_URL"], env["HARNESS_MODEL_API_KEY"], self.workload["model"],
                           tool_definitions(self.workload))
        self.services = {name: Service(url, name) for name, url in urls.items()}
        mcp_url = (env.get("HARNESS_MCP_URL") or "").strip()
        self.mcp = McpTools(mcp_url, mcp_timeout(env), self.workload) if mcp_url else None
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
        tokens = self.tokens(task.user_token)
        messages = task.messages
        if not messages:
            messages.extend([{"role": "system", "content": self.workload["instructions"]},
                             {"role": "user", "content": task.goal}])
        for turn in range(1, MAX_TURNS + 1):
            calls = pending_calls(messages)
            if not calls:
                log(f"task={task.task_id} turn={turn} model={self.model.name}")
                offered = self.mcp.definitions(task.task_id, tokens) if self.mcp else None
                message = self.model.next(messages, offered)
                calls = message.get("tool_calls") or []
                if not calls:
                    failed = failed_write(self.workload, messages)
                    if failed:
                        raise TaskFailed(f"the model ended the task after {failed} failed: "
                                         f"{message.get('content') or ''}")
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

    def tokens(self, user_token):
        """The task's delegated tokens: one TokenSource per service, for its name and its tools' scopes."""
        sources = {}

        def for_service(service):
            if service not in sources:
                mcp = service == MCP_AUDIENCE and service not in self.services
                scopes = all_scopes(self.workload) if mcp else service_scopes(self.workload, service)
                sources[service] = TokenSource(self.exchange, user_token, service, scopes)
            return sources[service]
        return for_service

    def run_tool(self, task, tokens, step, name, raw_arguments):
        try:
            args = json.loads(raw_arguments)
        except ValueError:
            args = None
        if not isinstance(args, dict):
            return json.dumps({"error": {"error": "invalid_arguments", "message": "arguments are not a JSON object"}})
        tool = find_tool(self.workload, name)
        if tool is not None and tool.get("gate"):
            log(f"task={task.task_id} status=AWAITING_APPROVAL")
            approver = task.await_approval()
            log(f"task={task.task_id} approved status=RUNNING")
            return json.dumps({"approved": True, "approver": approver})
        if self.mcp is not None:
            return self.mcp.call(task.task_id, tokens, step, name, args)
        return run_service_tool(self.workload, self.services, tokens, task.task_id, step, name, args)


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
    has_workload = bool(os.environ.get("HARNESS_WORKLOAD_FILE", "").strip())
    missing = [name for name in REQUIRED_ENV if not os.environ.get(name, "").strip()
               and not (has_workload and name == "HARNESS_CRM_BASE_URL")]
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
    env = {name: value.strip() for name, value in os.environ.items()
           if name in REQUIRED_ENV or name in OPTIONAL_ENV or name.startswith("HARNESS_SERVICE_")}
    try:
        agent = Agent(env)
    except WorkloadError as error:
        print(f"procurement_agent.py: cannot start: {error}", file=sys.stderr)
        return 2
    agent.resume()
    server = make_server(agent, port)

    def stop(signum, frame):  # noqa: ARG001 - the signature is signal's
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    log(f"procurement-agent (python) listening on http://127.0.0.1:{port} runtime=journal model=plain"
        f" workload={agent.workload['name']} tools={'mcp ' + agent.mcp.url if agent.mcp else 'rest'}")
    try:
        server.serve_forever()
    finally:
        server.server_close()
        log("procurement-agent (python) stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
