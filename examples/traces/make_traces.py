#!/usr/bin/env python3
"""Writes the example production traces for `crashtest import-trace` next to this file.

OTLP/JSON as the OpenTelemetry Collector's file exporter writes it (one pretty-printed
{"resourceSpans":[...]} object per file), spans following the OpenTelemetry semantic
conventions v1.41.0 for GenAI (gen_ai_latest_experimental) and HTTP client spans.

Deterministic: ids are sha256 of a label, times are offsets from 2026-11-30T09:00:00Z.
Python 3.11 standard library only. Run: python3 make_traces.py
"""
import calendar
import copy
import hashlib
import json
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent

MS = 1_000_000
S = 1_000_000_000
BASE_NS = calendar.timegm((2026, 11, 30, 9, 0, 0)) * S

CONVERSATION_ID = "task-7f3a9c21"
AGENT_NAME = "procurement-agent"
MODEL = "gpt-4.1-mini"
SCOPE = {"name": "crashtest-example-agent", "version": "1.0"}
SYSTEM_PROMPT = "You are a procurement agent. Use the tools; ask a human before placing any order."
USER_GOAL = "Buy 20 units of LAPTOP-14 for account GLOBEX-002."

CRM = "crm.acme.internal"
IDP = "idp.acme.internal"
LLM = "llm.acme.internal"

KIND_INTERNAL, KIND_SERVER, KIND_CLIENT = 1, 2, 3
STATUS_UNSET = {}
STATUS_OK = {"code": 1}

BEARER = ("Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ3b3JrZXIifQ"
          ".c2lnbmF0dXJlLXNpZ25hdHVyZQ")

# Durations cycle through fixed lists so the spans do not all look alike.
CHAT_DURATIONS = [0.812, 1.043, 0.655, 0.927, 0.538, 1.118, 0.746]   # seconds, 0.4-1.2 s
GAPS_MS = [20, 18, 22, 21, 19]                                        # between spans


def hexid(label, length):
    return hashlib.sha256(label.encode("utf-8")).hexdigest()[:length]


def value(v):
    if isinstance(v, bool):
        return {"boolValue": v}
    if isinstance(v, int):
        return {"intValue": str(v)}
    if isinstance(v, float):
        return {"doubleValue": v}
    if isinstance(v, str):
        return {"stringValue": v}
    if isinstance(v, list):
        return {"arrayValue": {"values": [value(x) for x in v]}}
    raise TypeError(v)


def attrs(pairs):
    return [{"key": k, "value": value(v)} for k, v in pairs.items()]


def compact(obj):
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def text_message(role, text):
    return {"role": role, "parts": [{"type": "text", "content": text}]}


class Process:
    """One agent process (one OTLP resource): its spans, its clock and its conversation."""

    def __init__(self, file_label, instance, pid, start_ns, exports_invoke_agent):
        self.label = f"{file_label}/{instance}"
        self.instance = instance
        self.pid = pid
        self.trace_id = hexid(self.label + "/trace", 32)
        self.invoke_id = hexid(self.label + "/invoke_agent", 16)
        self.exports_invoke_agent = exports_invoke_agent
        self.start = start_ns
        self.t = start_ns + 15 * MS           # first child starts just after invoke_agent
        self.spans = []
        self.named = {}                        # label -> span, for the report
        self.messages = [text_message("system", SYSTEM_PROMPT), text_message("user", USER_GOAL)]
        self.calls = 0
        self.chats = 0
        self.executes = 0
        self.gaps = 0
        self.pending = None                    # the tool call the model asked for last

    # -- helpers -------------------------------------------------------------------------
    def span(self, label, name, kind, start, end, parent, attributes, status=STATUS_UNSET, events=None):
        s = {
            "traceId": self.trace_id,
            "spanId": hexid(f"{self.label}/{label}", 16),
            "parentSpanId": parent,
            "name": name,
            "kind": kind,
            "startTimeUnixNano": str(start),
            "endTimeUnixNano": str(end),
            "attributes": attrs(attributes),
        }
        if events:
            s["events"] = events
        s["status"] = status
        self.spans.append(s)
        self.named[label] = s
        return s

    def gap(self, end):
        g = GAPS_MS[self.gaps % len(GAPS_MS)]
        self.gaps += 1
        self.t = end + g * MS

    def http(self, label, method, url, server, parent, start, dur_ms, status_code,
             template=None, extra=None, error=False):
        a = {"http.request.method": method, "url.full": url}
        if template:
            a["url.template"] = template
        a["server.address"] = server
        a["server.port"] = 443
        a["http.response.status_code"] = status_code
        if extra:
            a.update(extra)
        status = STATUS_UNSET
        if error:
            a["error.type"] = str(status_code)
            status = {"code": 2, "message": f"HTTP {status_code}"}
        end = start + dur_ms * MS
        self.span(label, method, KIND_CLIENT, start, end, parent, a, status)
        return end

    def chat_attrs(self):
        return {
            "gen_ai.operation.name": "chat",
            "gen_ai.provider.name": "openai",
            "gen_ai.request.model": MODEL,
            "gen_ai.conversation.id": CONVERSATION_ID,
            "server.address": LLM,
            "server.port": 443,
        }

    # -- what the agent does -------------------------------------------------------------
    def token(self, label="token", status_code=200, dur_ms=84):
        """Token exchange / refresh at the identity provider, child of invoke_agent."""
        end = self.http(label, "POST", f"https://{IDP}/oauth2/token", IDP, self.invoke_id,
                        self.t, dur_ms, status_code, error=status_code >= 400)
        self.gap(end)

    def chat(self, tool=None, arguments=None, text=None, extra=None):
        """A successful model call; the answer is a tool call or (text) the final answer."""
        self.chats += 1
        dur = int(CHAT_DURATIONS[(self.chats - 1) % len(CHAT_DURATIONS)] * S)
        inputs = copy.deepcopy(self.messages)
        if tool:
            self.calls += 1
            call_id = f"call_{self.calls}"
            out_msg = {"role": "assistant",
                       "parts": [{"type": "tool_call", "id": call_id, "name": tool, "arguments": arguments}],
                       "finish_reason": "tool_call"}
            self.pending = (call_id, tool, arguments)
            finish = "tool_call"
        else:
            out_msg = {"role": "assistant", "parts": [{"type": "text", "content": text}],
                       "finish_reason": "stop"}
            finish = "stop"
        self.messages.append({k: v for k, v in out_msg.items() if k != "finish_reason"})
        input_json, output_json = compact(inputs), compact([out_msg])
        a = self.chat_attrs()
        a.update({
            "gen_ai.response.model": MODEL,
            "gen_ai.response.finish_reasons": [finish],
            "gen_ai.usage.input_tokens": 40 + len(input_json) // 4,
            "gen_ai.usage.output_tokens": 8 + len(output_json) // 8,
            "gen_ai.input.messages": input_json,
            "gen_ai.output.messages": output_json,
        })
        if extra:
            a.update(extra)
        end = self.t + dur
        self.span(f"chat#{self.chats}", f"chat {MODEL}", KIND_CLIENT, self.t, end, self.invoke_id, a)
        self.gap(end)

    def chat_error(self, status_code, retry_after, dur_ms, wait_s):
        """A failed model call (rate limited): ERROR, no output, a child HTTP POST with the code."""
        self.chats += 1
        label = f"chat#{self.chats}"
        start = self.t
        end = start + dur_ms * MS
        a = self.chat_attrs()
        a["gen_ai.input.messages"] = compact(self.messages)
        a["error.type"] = str(status_code)
        self.span(label, f"chat {MODEL}", KIND_CLIENT, start, end, self.invoke_id, a,
                  {"code": 2, "message": f"Error code: {status_code} - rate limit exceeded"})
        self.http(label + "/http", "POST", f"https://{LLM}/v1/chat/completions", LLM,
                  self.named[label]["spanId"], start + 3 * MS, dur_ms - 6, status_code,
                  extra={"http.response.header.retry-after": [retry_after]}, error=True)
        self.t = end + wait_s * S

    def execute(self, result=None, http=None, dur_s=None, error=None):
        """Runs the tool the model asked for last.

        http = (method, path, template or None, status code, duration ms); None for request_approval.
        error = (status code, exception type, exception message, extra HTTP attributes).
        """
        self.executes += 1
        call_id, tool, arguments = self.pending
        self.pending = None
        label = f"execute_tool#{self.executes} {tool}"
        span_id = hexid(f"{self.label}/{label}", 16)
        start = self.t
        if http:
            method, path, template, code, dur_ms = http
            http_end = self.http(label + "/http", method, f"https://{CRM}{path}", CRM, span_id,
                                 start + 3 * MS, dur_ms, code, template=template,
                                 extra=error[3] if error else None, error=error is not None)
            end = http_end + 2 * MS
        else:
            end = start + int(dur_s * S)
        a = {
            "gen_ai.operation.name": "execute_tool",
            "gen_ai.tool.name": tool,
            "gen_ai.tool.call.id": call_id,
            "gen_ai.tool.type": "function",
            "gen_ai.tool.call.arguments": compact(arguments),
        }
        status, events = STATUS_UNSET, None
        if error:
            code, exc_type, exc_message, _ = error
            a["error.type"] = str(code)
            status = {"code": 2, "message": exc_message.split(" (")[0]}
            events = [{"timeUnixNano": str(end - 1 * MS), "name": "exception",
                       "attributes": attrs({"exception.type": exc_type, "exception.message": exc_message})}]
        else:
            a["gen_ai.tool.call.result"] = compact(result)
            self.messages.append({"role": "tool", "parts": [
                {"type": "tool_call_response", "id": call_id, "response": result}]})
        self.span(label, f"execute_tool {tool}", KIND_INTERNAL, start, end, self.invoke_id, a, status, events)
        self.gap(end)

    def finish(self):
        """Emits invoke_agent (only a process that finished its run exports it)."""
        assert self.exports_invoke_agent
        end = self.t - GAPS_MS[(self.gaps - 1) % len(GAPS_MS)] * MS + 5 * MS
        span = {
            "traceId": self.trace_id, "spanId": self.invoke_id, "parentSpanId": "",
            "name": f"invoke_agent {AGENT_NAME}", "kind": KIND_INTERNAL,
            "startTimeUnixNano": str(self.start), "endTimeUnixNano": str(end),
            "attributes": attrs({"gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": AGENT_NAME,
                                 "gen_ai.provider.name": "openai", "gen_ai.request.model": MODEL,
                                 "gen_ai.conversation.id": CONVERSATION_ID}),
            "status": STATUS_OK,
        }
        self.spans.insert(0, span)
        self.named["invoke_agent"] = span

    def startup(self, dur_ms=240):
        """A fresh process that starts and finds nothing to do: one plain INTERNAL root span."""
        self.span("agent startup", "agent startup", KIND_INTERNAL, self.start, self.start + dur_ms * MS,
                  "", {}, STATUS_OK)

    def last_end(self):
        return max(int(s["endTimeUnixNano"]) for s in self.spans)

    def resource_spans(self):
        return {
            "resource": {"attributes": attrs({"service.name": AGENT_NAME,
                                              "service.instance.id": self.instance,
                                              "process.pid": self.pid})},
            "scopeSpans": [{"scope": dict(SCOPE),
                            "spans": sorted(self.spans, key=lambda s: int(s["startTimeUnixNano"]))}],
        }


# --- the procurement task ---------------------------------------------------------------
ACCOUNT_ARGS = {"account_id": "GLOBEX-002"}
ACCOUNT = {"accountId": "GLOBEX-002", "name": "Globex Corporation", "tier": "gold", "creditLimit": 50000}
QUOTE_ARGS = {"account_id": "GLOBEX-002", "sku": "LAPTOP-14", "quantity": 20}
APPROVAL = {"approved": True, "approver": "maria.lopez@acme.example"}


def quote(quote_id):
    return {"quoteId": quote_id, "accountId": "GLOBEX-002", "sku": "LAPTOP-14", "quantity": 20,
            "total": 23980.0, "status": "OPEN"}


def approval_args(quote_id):
    return {"reason": f"Order 20 × LAPTOP-14 for GLOBEX-002 (quote {quote_id}, total 23980.0)"}


def order(order_id, quote_id):
    return {"orderId": order_id, "quoteId": quote_id, "status": "PLACED"}


def get_account(p, result=ACCOUNT, chat_extra=None):
    p.chat("get_account", ACCOUNT_ARGS, extra=chat_extra)
    p.execute(result, ("GET", "/accounts/GLOBEX-002", "/accounts/{account_id}", 200, 62))


def create_quote(p, quote_id="Q-7731"):
    p.chat("create_quote", QUOTE_ARGS)
    p.execute(quote(quote_id), ("POST", "/quotes", None, 201, 148))


def request_approval(p, seconds, quote_id="Q-7731"):
    p.chat("request_approval", approval_args(quote_id))
    p.execute(APPROVAL, dur_s=seconds)


def place_order(p, order_id="O-5512", quote_id="Q-7731"):
    p.chat("place_order", {"quote_id": quote_id})
    p.execute(order(order_id, quote_id), ("POST", "/orders", None, 201, 171))


def write(name, processes):
    doc = {"resourceSpans": [p.resource_spans() for p in processes]}
    path = HERE / name
    path.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def model_429_storm():
    a = Process("model-429-storm", "worker-a", 4101, BASE_NS, exports_invoke_agent=False)
    a.token()
    get_account(a)
    create_quote(a)
    for _ in range(3):
        a.chat_error(429, "2", dur_ms=420, wait_s=2)
    b = Process("model-429-storm", "worker-b", 4187, a.last_end() + 5 * S, exports_invoke_agent=True)
    b.startup()
    return [a, b]


def worker_crash_between_tools():
    a = Process("worker-crash-between-tools", "worker-a", 4102, BASE_NS, exports_invoke_agent=False)
    a.token()
    get_account(a)
    create_quote(a)
    b = Process("worker-crash-between-tools", "worker-b", 4188, a.last_end() + 3 * S, exports_invoke_agent=True)
    b.startup()
    return [a, b]


def duplicate_write_after_retry():
    a = Process("duplicate-write-after-retry", "worker-a", 4103, BASE_NS, exports_invoke_agent=False)
    a.token()
    get_account(a)
    create_quote(a)
    request_approval(a, 95)
    place_order(a)
    b = Process("duplicate-write-after-retry", "worker-b", 4189, a.last_end() + 2 * S, exports_invoke_agent=True)
    b.token()
    get_account(b)
    create_quote(b, "Q-7744")
    request_approval(b, 4, "Q-7744")
    place_order(b, "O-5513", "Q-7744")
    b.chat("add_note", {"account_id": "GLOBEX-002", "text": "Ordered 20 × LAPTOP-14 (quote Q-7744, order O-5513)."})
    b.execute({"noteId": "N-220", "accountId": "GLOBEX-002"},
              ("POST", "/accounts/GLOBEX-002/notes", "/accounts/{account_id}/notes", 201, 93))
    b.chat(text="Done: ordered 20 × LAPTOP-14 for GLOBEX-002 (quote Q-7744, order O-5513); note N-220 added.")
    b.finish()
    return [a, b]


def token_expired_mid_run():
    a = Process("token-expired-mid-run", "worker-a", 4104, BASE_NS, exports_invoke_agent=False)
    a.token()
    get_account(a, dict(ACCOUNT, contactEmail="maria.lopez@acme.example"),
                chat_extra={"app.customer.email": "maria.lopez@acme.example"})
    create_quote(a)
    request_approval(a, 180)
    a.chat("place_order", {"quote_id": "Q-7731"})
    a.execute(http=("POST", "/orders", None, 401, 57),
              error=(401, "HttpClientError", f"401 Unauthorized: token expired (Authorization: {BEARER})",
                     {"http.request.header.authorization": [BEARER]}))
    a.token("token refresh", status_code=503, dur_ms=131)
    b = Process("token-expired-mid-run", "worker-b", 4190, a.last_end() + 4 * S, exports_invoke_agent=True)
    b.startup()
    return [a, b]


# --- deliberately broken inputs ---------------------------------------------------------
def bad_not_otlp():
    """Zipkin v2 JSON: valid JSON, but a list of spans, not {"resourceSpans":[...]}."""
    trace = hexid("bad-not-otlp/trace", 32)
    base_us = BASE_NS // 1000
    spans = [
        {"traceId": trace, "id": hexid("bad-not-otlp/root", 16), "name": "post /orders", "kind": "SERVER",
         "timestamp": base_us, "duration": 171000,
         "localEndpoint": {"serviceName": "procurement-agent", "ipv4": "10.0.4.17", "port": 8080},
         "tags": {"http.method": "POST", "http.path": "/orders", "http.status_code": "201"}},
        {"traceId": trace, "parentId": hexid("bad-not-otlp/root", 16), "id": hexid("bad-not-otlp/child", 16),
         "name": "insert orders", "kind": "CLIENT", "timestamp": base_us + 12000, "duration": 34000,
         "localEndpoint": {"serviceName": "procurement-agent", "ipv4": "10.0.4.17"},
         "remoteEndpoint": {"serviceName": "postgres", "port": 5432}},
    ]
    (HERE / "bad-not-otlp.json").write_text(json.dumps(spans, indent=1) + "\n", encoding="utf-8")


def bad_no_genai():
    """Valid OTLP/JSON, but only plain HTTP server spans: nothing an agent trace is made of."""
    spans = []
    for i in range(3):
        start = BASE_NS + i * 15 * S
        spans.append({
            "traceId": hexid(f"bad-no-genai/trace{i}", 32), "spanId": hexid(f"bad-no-genai/span{i}", 16),
            "parentSpanId": "", "name": "GET /health", "kind": KIND_SERVER,
            "startTimeUnixNano": str(start), "endTimeUnixNano": str(start + (3 + i) * MS),
            "attributes": attrs({"http.request.method": "GET", "url.path": "/health", "url.scheme": "http",
                                 "http.route": "/health", "http.response.status_code": 200,
                                 "server.address": "procurement-agent", "server.port": 8080}),
            "status": STATUS_UNSET})
    doc = {"resourceSpans": [{
        "resource": {"attributes": attrs({"service.name": AGENT_NAME, "service.instance.id": "worker-a",
                                          "process.pid": 4105})},
        "scopeSpans": [{"scope": {"name": "io.opentelemetry.tomcat-10.0", "version": "2.10.0-alpha"},
                        "spans": spans}]}]}
    (HERE / "bad-no-genai.json").write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")


def bad_truncated(source):
    """The first 60 % of the bytes of a good trace: JSON cut off mid-way."""
    data = source.read_bytes()
    cut = len(data) * 60 // 100
    while cut > 0 and (data[cut] & 0xC0) == 0x80:   # stay on a UTF-8 character boundary
        cut -= 1
    (HERE / "bad-truncated.json").write_bytes(data[:cut])


def main():
    good = {
        "model-429-storm.json": model_429_storm(),
        "worker-crash-between-tools.json": worker_crash_between_tools(),
        "duplicate-write-after-retry.json": duplicate_write_after_retry(),
        "token-expired-mid-run.json": token_expired_mid_run(),
    }
    ids = []
    for name, processes in good.items():
        for p in processes:
            ids += [p.trace_id, p.invoke_id] + [s["spanId"] for s in p.spans if s["spanId"] != p.invoke_id]
    assert len(ids) == len(set(ids)), "ids must be distinct"
    for name, processes in good.items():
        path = write(name, processes)
        print(f"{path.name}: {sum(len(p.spans) for p in processes)} spans")
    bad_not_otlp()
    bad_no_genai()
    bad_truncated(HERE / "model-429-storm.json")
    print("bad-not-otlp.json, bad-no-genai.json, bad-truncated.json")


def big_export(copies, target):
    """The benchmark's large input (docs/benchmarks.md): duplicate-write-after-retry.json copied `copies` times as
    OTLP/JSON Lines, each copy with new ids, its own conversation id (task-000, task-001, ...) and process names."""
    source = json.loads((HERE / "duplicate-write-after-retry.json").read_text())
    lines = []
    for i in range(copies):
        one = json.loads(json.dumps(source))
        for resource_spans in one["resourceSpans"]:
            for attribute in resource_spans["resource"]["attributes"]:
                if attribute["key"] == "service.instance.id":
                    attribute["value"]["stringValue"] += f"-{i}"
            for scope_spans in resource_spans["scopeSpans"]:
                for span in scope_spans["spans"]:
                    span["traceId"] = hexid(f"{i}/{span['traceId']}", 32)
                    span["spanId"] = hexid(f"{i}/{span['spanId']}", 16)
                    if span["parentSpanId"]:
                        span["parentSpanId"] = hexid(f"{i}/{span['parentSpanId']}", 16)
                    for attribute in span["attributes"]:
                        if attribute["key"] == "gen_ai.conversation.id":
                            attribute["value"]["stringValue"] = f"task-{i:03d}"
        lines.append(json.dumps(one, separators=(",", ":")))
    pathlib.Path(target).write_text("\n".join(lines) + "\n")
    print(f"{target}: {copies} runs")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--big":
        big_export(int(sys.argv[2]), sys.argv[3])
    else:
        main()
