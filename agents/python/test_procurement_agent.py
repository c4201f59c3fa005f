"""Unit tests of the Python reference agent: its journal and resume logic, Retry-After, the control API's 400s, and
the generic tool runner of workloads (templating, encoding, writes, gates, the workload file), and the tools over MCP
(section 3.4) against a small MCP server on a real socket.

Standard library only, like the agent:

    cd agents/python && python3 -m unittest -v

``mvn -B verify`` runs them too (agents/core's PythonAgentUnitTestsIT).
"""

import email.utils
import http.client
import json
import os
import tempfile
import threading
import time
import unittest
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from unittest import mock

import procurement_agent as agent_module
from procurement_agent import (PROCUREMENT, TOOLS, Agent, Journal, McpTools, MissingArgument, Task, WorkloadError,
                               exchange_form, load_workload, make_server, pending_calls, render_body, render_path,
                               retry_after_seconds, run_service_tool, service_scopes, sse_events, tool_definitions)

ENV = {
    "HARNESS_MODEL_BASE_URL": "http://127.0.0.1:9/v1",
    "HARNESS_MODEL_API_KEY": "key",
    "HARNESS_CRM_BASE_URL": "http://127.0.0.1:9",
    "HARNESS_IDP_ISSUER": "http://127.0.0.1:9/default",
    "HARNESS_AGENT_CLIENT_ID": "procurement-agent",
    "HARNESS_AGENT_CLIENT_SECRET_FILE": "/nowhere/secret",
    "HARNESS_AGENT_PORT": "0",
}


def tool_call(call_id, name, arguments="{}"):
    return {"id": call_id, "type": "function", "function": {"name": name, "arguments": arguments}}


def assistant(*calls):
    return {"role": "assistant", "content": None, "tool_calls": list(calls)}


def tool_result(call_id, content):
    return {"role": "tool", "tool_call_id": call_id, "content": content}


class JournalTest(unittest.TestCase):
    def setUp(self):
        self.directory = tempfile.TemporaryDirectory()
        self.journal = Journal(self.directory.name)

    def tearDown(self):
        self.directory.cleanup()

    def test_a_saved_task_loads_with_its_conversation_and_status(self):
        task = Task("t-1", "buy two laptops", "user-token")
        task.messages.extend([{"role": "user", "content": "buy two laptops"}, assistant(tool_call("c1", "get_account"))])
        task.finish("COMPLETED", result="ordered O-0001")

        self.journal.save(task)
        (loaded,) = self.journal.load()

        self.assertEqual(
            (loaded.task_id, loaded.goal, loaded.user_token, loaded.status, loaded.result, loaded.error),
            ("t-1", "buy two laptops", "user-token", "COMPLETED", "ordered O-0001", None))
        self.assertEqual(loaded.messages, task.messages, "the conversation, message by message")

    def test_a_task_awaiting_approval_is_journaled_as_running_so_it_resumes_and_asks_again(self):
        task = Task("t-1", "goal", "user-token")
        task.status = "AWAITING_APPROVAL"

        self.journal.save(task)

        self.assertEqual(self.journal.load()[0].status, "RUNNING")

    def test_save_replaces_the_file_atomically_and_leaves_no_temporary_file(self):
        task = Task("t-1", "goal", "user-token")
        self.journal.save(task)
        task.messages.append({"role": "user", "content": "goal"})

        self.journal.save(task)

        self.assertEqual(os.listdir(self.directory.name), ["task-t-1.json"])
        self.assertEqual(len(self.journal.load()[0].messages), 1, "the second save's conversation")

    def test_a_task_id_with_a_slash_stays_one_file_in_the_directory(self):
        self.journal.save(Task("tenant/42", "goal", "user-token"))

        self.assertEqual(os.listdir(self.directory.name), ["task-tenant%2F42.json"])
        self.assertEqual(self.journal.load()[0].task_id, "tenant/42")

    def test_load_reads_only_task_files_in_name_order(self):
        self.journal.save(Task("b", "goal", "user-token"))
        self.journal.save(Task("a", "goal", "user-token"))
        with open(os.path.join(self.directory.name, "notes.txt"), "w", encoding="utf-8") as handle:
            handle.write("not a task")
        with open(os.path.join(self.directory.name, "task-c.json.tmp"), "w", encoding="utf-8") as handle:
            handle.write("{half written")

        self.assertEqual([task.task_id for task in self.journal.load()], ["a", "b"])


class PendingCallsTest(unittest.TestCase):
    def test_a_conversation_without_a_model_answer_has_no_pending_call(self):
        self.assertEqual(pending_calls([{"role": "system", "content": "s"}, {"role": "user", "content": "u"}]), [])

    def test_the_calls_after_the_last_result_are_pending(self):
        first, second = tool_call("c1", "create_quote"), tool_call("c2", "add_note")

        self.assertEqual(pending_calls([assistant(first, second)]), [first, second], "no result yet")
        self.assertEqual(pending_calls([assistant(first, second), tool_result("c1", "{}")]), [second],
                         "the first answered")

    def test_a_fully_answered_model_answer_leaves_nothing_pending(self):
        messages = [assistant(tool_call("c1", "get_account")), tool_result("c1", "{}")]

        self.assertEqual(pending_calls(messages), [])

    def test_only_the_last_model_answer_counts(self):
        earlier, latest = tool_call("c1", "get_account"), tool_call("c2", "create_quote")
        messages = [assistant(earlier), tool_result("c1", "{}"), assistant(latest)]

        self.assertEqual(pending_calls(messages), [latest])

    def test_a_final_answer_without_tool_calls_leaves_nothing_pending(self):
        self.assertEqual(pending_calls([{"role": "assistant", "content": "done"}]), [])


class ResumeTest(unittest.TestCase):
    def setUp(self):
        self.directory = tempfile.TemporaryDirectory()
        self.env = dict(ENV, HARNESS_STATE_DIR=self.directory.name)

    def tearDown(self):
        self.directory.cleanup()

    def test_resume_restarts_the_unfinished_tasks_and_knows_the_finished_ones(self):
        journal = Journal(self.directory.name)
        done = Task("done", "goal", "user-token")
        done.finish("COMPLETED", result="ok")
        journal.save(done)
        journal.save(Task("running", "goal", "user-token"))
        agent = Agent(self.env)

        with mock.patch.object(Agent, "start") as start:
            agent.resume()

        self.assertEqual([call.args[0].task_id for call in start.call_args_list], ["running"], "tasks restarted")
        self.assertEqual(agent.find("done").view(), {"taskId": "done", "status": "COMPLETED", "result": "ok"})

    def test_a_resumed_task_repeats_the_call_in_flight_without_asking_the_model_again(self):
        task = Task("t-1", "goal", "user-token")
        answered, in_flight = tool_call("c1", "get_account"), tool_call("c2", "create_quote")
        task.messages.extend([{"role": "system", "content": "s"}, {"role": "user", "content": "goal"},
                              assistant(answered, in_flight), tool_result("c1", "{\"id\":\"ACME-001\"}")])
        agent = Agent(self.env)
        agent.model = mock.Mock()
        agent.model.next.return_value = {"role": "assistant", "content": "quoted"}
        tools = []
        agent.run_tool = lambda task, tokens, step, name, arguments: tools.append((step, name)) or "{}"

        result = agent.loop(task)

        self.assertEqual(tools, [(2, "create_quote")], "(step, tool) run after the resume")
        self.assertEqual(agent.model.next.call_count, 1, "model calls: only the one after the repeated tool")
        self.assertEqual(result, "quoted")
        self.assertEqual(Journal(self.directory.name).load()[0].messages[-1], tool_result("c2", "{}"),
                         "the journal holds the repeated call's result")


class RetryAfterTest(unittest.TestCase):
    def test_seconds_are_taken_as_given(self):
        self.assertEqual(retry_after_seconds("2", 1), 2.0)
        self.assertEqual(retry_after_seconds("0.5", 3), 0.5)

    def test_seconds_are_clamped_to_zero_and_the_longest_wait(self):
        self.assertEqual(retry_after_seconds("-5", 1), 0.0)
        self.assertEqual(retry_after_seconds("3600", 1), agent_module.MAX_RETRY_WAIT)

    def test_an_http_date_is_the_time_until_it(self):
        value = email.utils.formatdate(time.time() + 30, usegmt=True)

        self.assertAlmostEqual(retry_after_seconds(value, 1), 30.0, delta=2.0)

    def test_an_http_date_in_the_past_means_now(self):
        self.assertEqual(retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", 1), 0.0)

    def test_without_a_usable_value_the_wait_doubles_from_a_quarter_second_up_to_four(self):
        self.assertEqual([retry_after_seconds(None, retry) for retry in (1, 2, 3, 4, 5, 6, 10)],
                         [0.25, 0.5, 1.0, 2.0, 4.0, 4.0, 4.0])
        self.assertEqual(retry_after_seconds("soon", 2), 0.5, "an unparseable value")
        self.assertEqual(retry_after_seconds("", 1), 0.25, "an empty value")


class ControlApiTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.directory = tempfile.TemporaryDirectory()
        cls.agent = Agent(dict(ENV, HARNESS_STATE_DIR=cls.directory.name))
        cls.server = make_server(cls.agent, 0)
        cls.thread = threading.Thread(target=cls.server.serve_forever, daemon=True)
        cls.thread.start()

    @classmethod
    def tearDownClass(cls):
        cls.server.shutdown()
        cls.server.server_close()
        cls.directory.cleanup()

    def post(self, path, body):
        connection = http.client.HTTPConnection("127.0.0.1", self.server.server_address[1], timeout=10)
        try:
            connection.request("POST", path, body=body, headers={"Content-Type": "application/json"})
            response = connection.getresponse()
            return response.status, json.loads(response.read().decode("utf-8"))
        finally:
            connection.close()

    def test_malformed_json_is_a_400_naming_the_parse_error(self):
        self.assertEqual(self.post("/tasks", b"{not json"),
                         (400, {"error": "malformed JSON: Expecting property name enclosed in double quotes:"
                                         " line 1 column 2 (char 1)"}))

    def test_a_body_that_is_not_an_object_is_a_400(self):
        self.assertEqual(self.post("/tasks", b"[1, 2]"), (400, {"error": "the body must be a JSON object"}))

    def test_a_submission_missing_a_field_is_a_400_naming_it(self):
        self.assertEqual(self.post("/tasks", b"{}"), (400, {"error": "missing field [taskId]"}))
        self.assertEqual(self.post("/tasks", json.dumps({"taskId": "t-1", "userToken": "u"}).encode()),
                         (400, {"error": "missing field [goal]"}))
        self.assertEqual(self.post("/tasks", json.dumps({"taskId": "t-1", "goal": "g", "userToken": ""}).encode()),
                         (400, {"error": "missing field [userToken]"}), "an empty token")
        self.assertEqual(self.post("/tasks", json.dumps({"taskId": 7, "goal": "g", "userToken": "u"}).encode()),
                         (400, {"error": "missing field [taskId]"}), "a task id that is not a string")
        self.assertIsNone(self.agent.find("t-1"), "no task accepted")

    def test_approving_with_a_malformed_body_is_a_400_before_the_task_is_looked_up(self):
        self.assertEqual(self.post("/tasks/unknown/approve", b"nope"),
                         (400, {"error": "malformed JSON: Expecting value: line 1 column 1 (char 0)"}))


SUPPORT = {
    "name": "support-desk", "model": "crashtest-support",
    "tools": [
        {"name": "get_order", "description": "Look up an order.",
         "parameters": {"type": "object", "properties": {"order_id": {"type": "string"}}, "required": ["order_id"]},
         "service": "orders", "method": "GET", "path": "/orders/{order_id}", "body": None, "gate": False,
         "scope": "orders.read"},
        {"name": "ask_a_human", "description": "Ask a human.",
         "parameters": {"type": "object", "properties": {"reason": {"type": "string"}}}, "gate": True},
        {"name": "create_refund", "description": "Refund an order.",
         "parameters": {"type": "object", "properties": {"order_id": {"type": "string"}, "amount": {"type": "number"}},
                        "required": ["order_id", "amount"]},
         "service": "refunds", "method": "post", "path": "/refunds",
         "body": {"orderId": "{order_id}", "amount": "{amount}", "memo": "refund of {order_id}"}, "gate": False,
         "scope": "refunds.write"},
        {"name": "cancel_refund", "parameters": {"type": "object"}, "service": "refunds", "method": "DELETE",
         "path": "/refunds/{refund_id}", "body": {"ignored": True}},
    ],
    "services": {"orders": "http://127.0.0.1:41005/orders/", "refunds": "http://127.0.0.1:41006/refunds"},
}


class RenderTest(unittest.TestCase):
    def test_path_parameters_are_url_encoded_as_one_segment(self):
        self.assertEqual(render_path("/orders/{order_id}/lines/{line}", {"order_id": "A/1 b&c?d", "line": 7}),
                         "/orders/A%2F1%20b%26c%3Fd/lines/7")
        self.assertEqual(render_path("/customers/{name}", {"name": "Zoë"}), "/customers/Zo%C3%AB")

    def test_a_path_parameter_not_sent_or_null_is_a_missing_argument(self):
        with self.assertRaisesRegex(MissingArgument, r"^missing argument \[order_id\]$"):
            render_path("/orders/{order_id}", {"order": "A"})
        with self.assertRaisesRegex(MissingArgument, r"^missing argument \[order_id\]$"):
            render_path("/orders/{order_id}", {"order_id": None})

    def test_a_value_that_is_exactly_one_placeholder_keeps_the_arguments_json_type(self):
        self.assertEqual(
            render_body({"orderId": "{order_id}", "amount": "{amount}", "urgent": "{urgent}", "tags": "{tags}"},
                        {"order_id": "ORD-1", "amount": 120.5, "urgent": True, "tags": ["a", "b"]}),
            {"orderId": "ORD-1", "amount": 120.5, "urgent": True, "tags": ["a", "b"]})

    def test_text_around_placeholders_is_interpolation_and_nested_literals_are_kept(self):
        self.assertEqual(
            render_body({"subject": "Refund of {amount} EUR for {order_id}", "case": {"kind": "note", "n": 2},
                         "lines": ["{order_id}", "fixed"]}, {"order_id": "ORD-1", "amount": 40}),
            {"subject": "Refund of 40 EUR for ORD-1", "case": {"kind": "note", "n": 2}, "lines": ["ORD-1", "fixed"]})

    def test_an_optional_parameter_left_out_drops_its_field_a_required_one_is_missing(self):
        self.assertEqual(render_body({"orderId": "{order_id}", "reason": "{reason}"}, {"order_id": "O"}, ["order_id"]),
                         {"orderId": "O"})
        with self.assertRaisesRegex(MissingArgument, r"^missing argument \[amount\]$"):
            render_body({"orderId": "{order_id}", "amount": "{amount}"}, {"order_id": "O"}, ["order_id", "amount"])
        self.assertIsNone(render_body(None, {}), "no template, no body")


class RecordingService:
    """Stands in for a Service: records each call and answers with `answer`."""

    def __init__(self, answer=(200, "{}")):
        self.calls = []
        self.answer = answer

    def call(self, method, path, tokens, body=None, idempotency_key=None):
        self.calls.append((method, path, tokens, body, idempotency_key))
        return self.answer


class ServiceToolTest(unittest.TestCase):
    def setUp(self):
        self.orders, self.refunds = RecordingService((200, '{"orderId": "A"}')), RecordingService((201, '{"refundId": "R-1"}'))
        self.services = {"orders": self.orders, "refunds": self.refunds}

    def run_tool(self, step, name, args):
        return run_service_tool(SUPPORT, self.services, lambda service: "tokens-of-" + service, "T-1", step, name,
                                args)

    def test_a_read_fills_its_path_and_sends_no_idempotency_key(self):
        result = self.run_tool(1, "get_order", {"order_id": "ORD 1/2"})

        self.assertEqual(self.orders.calls, [("GET", "/orders/ORD%201%2F2", "tokens-of-orders", None, None)])
        self.assertEqual(result, '{"orderId": "A"}')

    def test_a_write_sends_its_rendered_body_with_the_idempotency_key(self):
        result = self.run_tool(3, "create_refund", {"order_id": "ORD-1", "amount": 120})

        self.assertEqual(self.refunds.calls, [("POST", "/refunds", "tokens-of-refunds",
                                               {"orderId": "ORD-1", "amount": 120, "memo": "refund of ORD-1"},
                                               "T-1/3/create_refund")])
        self.assertEqual(result, '{"refundId": "R-1"}')

    def test_delete_is_a_write_without_a_body(self):
        self.run_tool(4, "cancel_refund", {"refund_id": "R-1"})

        self.assertEqual(self.refunds.calls, [("DELETE", "/refunds/R-1", "tokens-of-refunds", None,
                                               "T-1/4/cancel_refund")])

    def test_a_4xx_is_handed_to_the_model_as_the_error_body(self):
        self.refunds.answer = (409, '{"error": "already_refunded"}')

        self.assertEqual(json.loads(self.run_tool(3, "create_refund", {"order_id": "A", "amount": 1})),
                         {"error": {"error": "already_refunded"}})

    def test_a_missing_argument_an_unknown_tool_and_a_gate_make_no_call(self):
        self.assertEqual(json.loads(self.run_tool(1, "create_refund", {"order_id": "A"})),
                         {"error": {"error": "invalid_arguments", "message": "missing argument [amount]"}})
        self.assertEqual(json.loads(self.run_tool(2, "delete_everything", {})),
                         {"error": {"error": "unknown_tool", "message": "no tool named [delete_everything]"}})
        self.assertEqual(json.loads(self.run_tool(3, "ask_a_human", {})),
                         {"error": {"error": "unknown_tool", "message": "no tool named [ask_a_human]"}})
        self.assertEqual(self.orders.calls + self.refunds.calls, [])


class WorkloadFileTest(unittest.TestCase):
    def setUp(self):
        self.directory = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.directory.cleanup()

    def write(self, document):
        path = os.path.join(self.directory.name, "workload.json")
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(document, handle)
        return path

    def test_without_a_workload_file_the_agent_runs_procurement_on_the_crm(self):
        workload, urls = load_workload({"HARNESS_CRM_BASE_URL": "http://127.0.0.1:41002/"})

        self.assertIs(workload, PROCUREMENT)
        self.assertEqual(urls, {"crm": "http://127.0.0.1:41002"})

    def test_reads_the_tools_and_the_service_urls_and_the_variables_win(self):
        path = self.write(SUPPORT)

        workload, urls = load_workload({"HARNESS_WORKLOAD_FILE": path,
                                        "HARNESS_SERVICE_REFUNDS_URL": "http://127.0.0.1:5000/r/"})

        self.assertEqual([tool["name"] for tool in workload["tools"]],
                         ["get_order", "ask_a_human", "create_refund", "cancel_refund"])
        self.assertEqual(workload["tools"][2]["method"], "POST", "method, upper case")
        self.assertEqual(workload["model"], "crashtest-support")
        self.assertEqual(urls, {"orders": "http://127.0.0.1:41005/orders", "refunds": "http://127.0.0.1:5000/r"})
        self.assertEqual(service_scopes(workload, "refunds"), ["refunds.write"])

    def test_a_service_without_a_url_names_the_variable_to_set(self):
        path = self.write(dict(SUPPORT, services={"orders": "http://127.0.0.1:41005/orders"}))

        with self.assertRaises(WorkloadError) as raised:
            load_workload({"HARNESS_WORKLOAD_FILE": path})
        self.assertEqual(str(raised.exception), f"workload file [{path}]: field [services.refunds] no base URL for"
                         " service [refunds]: set HARNESS_SERVICE_REFUNDS_URL or give it in the file's [services]")

    def test_a_bad_method_is_refused_with_its_field(self):
        tools = [dict(SUPPORT["tools"][0], method="FETCH")]
        path = self.write(dict(SUPPORT, tools=tools))

        with self.assertRaises(WorkloadError) as raised:
            load_workload({"HARNESS_WORKLOAD_FILE": path})
        self.assertEqual(str(raised.exception), f"workload file [{path}]: field [tools[0].method] [FETCH] is not one"
                         " of GET, POST, PUT, PATCH, DELETE")

    def test_procurement_as_data_sends_the_contracts_tools_and_asks_for_todays_scopes(self):
        contract = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "docs",
                                     "agent-contract.md"), encoding="utf-8").read()
        section = contract.index("### 3.1")
        start = contract.index("```json", section) + len("```json")
        self.assertEqual(tool_definitions(PROCUREMENT), json.loads(contract[start:contract.index("```", start)]))
        self.assertEqual(TOOLS, tool_definitions(PROCUREMENT))
        self.assertEqual(service_scopes(PROCUREMENT, "crm"), ["crm.read", "crm.write"])
        self.assertEqual(exchange_form("jwt", "crm", service_scopes(PROCUREMENT, "crm"))[3:],
                         [("audience", "crm"), ("scope", "crm.read crm.write")])
        self.assertEqual(exchange_form("jwt", "orders", [])[3:], [("audience", "orders")], "no scope declared")


class GateTest(unittest.TestCase):
    def test_a_gate_tool_of_any_name_waits_for_approval(self):
        with tempfile.TemporaryDirectory() as directory:
            path = os.path.join(directory, "workload.json")
            with open(path, "w", encoding="utf-8") as handle:
                json.dump(SUPPORT, handle)
            agent = Agent(dict(ENV, HARNESS_STATE_DIR=directory, HARNESS_WORKLOAD_FILE=path))
            task = Task("t-1", "goal", "user-token")
            task.await_approval = lambda: "alice"

            result = agent.run_tool(task, None, 2, "ask_a_human", "{}")

        self.assertEqual(json.loads(result), {"approved": True, "approver": "alice"})
        self.assertEqual(agent.model.name, "crashtest-support")
        self.assertEqual([tool["function"]["name"] for tool in agent.model.tools],
                         ["get_order", "ask_a_human", "create_refund", "cancel_refund"])


class McpStub:
    """A tiny MCP server on a real socket, speaking the contract's Streamable HTTP (section 3.4): sessions in
    Mcp-Session-Id, tools/list answered as an SSE stream, tools/call as JSON; and the faults the agent must survive:
    forgotten sessions (404), refused tokens (401), a tool list that changes, a dropped stream, a slow tool."""

    def __init__(self, tools):
        self.tools = list(tools)
        self.requests = []  # (http method, session id, authorization, JSON-RPC message or None, status answered)
        self.sessions = set()
        self.refused = set()
        self.refuse_all = False
        self.notify_next = False
        self.drop_next_call = False
        self.delay_next_call = 0.0
        stub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format, *args):  # noqa: A002
                pass

            def do_GET(self):  # noqa: N802
                self.answer(405, b"")

            def do_DELETE(self):  # noqa: N802
                stub.sessions.discard(self.headers.get("Mcp-Session-Id"))
                self.answer(200, b"")

            def do_POST(self):  # noqa: N802
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])).decode("utf-8"))
                session, authorization = self.headers.get("Mcp-Session-Id"), self.headers.get("Authorization")
                status = stub.status(body, session, authorization)
                stub.requests.append((self.command, session, authorization, body, status,
                                      self.headers.get("MCP-Protocol-Version")))
                if status != 200:
                    self.answer(status, b"")
                elif body.get("method") == "initialize":
                    new_session = f"S-{len(stub.sessions) + len(stub.requests)}"
                    stub.sessions.add(new_session)
                    self.answer(200, json.dumps({"jsonrpc": "2.0", "id": body["id"], "result": {
                        "protocolVersion": "2025-06-18", "capabilities": {"tools": {"listChanged": True}},
                        "serverInfo": {"name": "stub", "version": "1"}}}).encode(), {"Mcp-Session-Id": new_session})
                elif "id" not in body:
                    self.answer(202, b"")
                elif body["method"] == "tools/list":
                    self.stream([{"jsonrpc": "2.0", "id": body["id"], "result": {"tools": stub.tools}}])
                else:
                    self.call(body)

            def call(self, body):
                name = body["params"]["name"]
                if name not in {tool["name"] for tool in stub.tools}:
                    self.answer(200, json.dumps({"jsonrpc": "2.0", "id": body["id"], "error": {
                        "code": -32602, "message": f"unknown tool [{name}]"}}).encode())
                    return
                if stub.delay_next_call:
                    delay, stub.delay_next_call = stub.delay_next_call, 0.0
                    threading.Event().wait(delay)  # not time.sleep: the tests replace it to record the agent's waits
                messages = []
                if stub.notify_next:
                    stub.notify_next = False
                    messages.append({"jsonrpc": "2.0", "method": "notifications/tools/list_changed"})
                if stub.drop_next_call:
                    stub.drop_next_call = False
                    self.stream(messages)
                    return
                messages.append({"jsonrpc": "2.0", "id": body["id"], "result": {
                    "content": [{"type": "text", "text": json.dumps({"tool": name, "orderId": "O-1"})}],
                    "isError": False}})
                self.stream(messages)

            def stream(self, messages):
                data = "".join(f"event: message\ndata: {json.dumps(message)}\n\n" for message in messages).encode()
                self.answer(200, data, {"Content-Type": "text/event-stream"})

            def answer(self, status, data, headers=None):
                self.send_response(status)
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                if "Content-Type" not in (headers or {}):
                    self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/mcp"

    def status(self, body, session, authorization):
        if self.refuse_all or authorization in self.refused:
            return 401
        if body.get("method") != "initialize" and session not in self.sessions:
            return 404
        return 200

    def expire_sessions(self):
        self.sessions.clear()

    def refuse_tokens_seen(self):
        self.refused.update(request[2] for request in self.requests)

    def methods(self, since=0):
        return [request[3].get("method") for request in self.requests[since:] if request[4] == 200]

    def calls(self):
        return [request[3]["params"] for request in self.requests
                if request[3].get("method") == "tools/call" and request[4] == 200]

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class FakeTokens:
    """Stands in for a TokenSource: mcp-token-1, mcp-token-2, ... one more on every refresh."""

    def __init__(self):
        self.issued = 1
        self.audiences = []

    def __call__(self, audience):
        self.audiences.append(audience)
        return self

    def current(self):
        return f"mcp-token-{self.issued}"

    def refresh(self):
        self.issued += 1
        return self.current()


MCP_TOOLS = [
    {"name": "get_account", "description": "Read a CRM account.",
     "inputSchema": {"type": "object", "properties": {"account_id": {"type": "string"}}, "required": ["account_id"]}},
    {"name": "place_order", "description": "Place an order.",
     "inputSchema": {"type": "object", "properties": {"quote_id": {"type": "string"}}, "required": ["quote_id"]}},
]


class McpToolsTest(unittest.TestCase):
    def setUp(self):
        self.stub = McpStub(MCP_TOOLS)
        self.tokens = FakeTokens()
        self.tools = McpTools(self.stub.url, 5.0, PROCUREMENT)
        self.waits = []
        patcher = mock.patch.object(agent_module.time, "sleep", self.waits.append)
        patcher.start()
        self.addCleanup(patcher.stop)
        self.addCleanup(self.stub.close)

    def call(self, step, name, args):
        return self.tools.call("T-1", self.tokens, step, name, args)

    def test_the_model_is_offered_the_listed_tools_and_the_gate(self):
        offered = self.tools.definitions("T-1", self.tokens)

        self.assertEqual([tool["function"]["name"] for tool in offered],
                         ["get_account", "place_order", "request_approval"])
        self.assertEqual(offered[0]["function"]["parameters"], MCP_TOOLS[0]["inputSchema"], "the input schema")
        self.assertEqual(self.stub.methods(), ["initialize", "notifications/initialized", "tools/list"])
        self.assertEqual(self.tokens.audiences, ["mcp"], "the token asked for")

    def test_a_call_carries_the_idempotency_key_in_meta_the_token_and_the_session(self):
        result = self.call(4, "place_order", {"quote_id": "Q-1"})

        self.assertEqual(json.loads(result), {"tool": "place_order", "orderId": "O-1"})
        self.assertEqual(self.stub.calls(), [{"name": "place_order", "arguments": {"quote_id": "Q-1"},
                                              "_meta": {"idempotencyKey": "T-1/4/place_order"}}])
        _, session, authorization, _, _, version = self.stub.requests[-1]
        self.assertEqual((session is not None, authorization, version), (True, "Bearer mcp-token-1", "2025-06-18"))

    def test_a_forgotten_session_is_initialized_and_listed_again_and_the_call_repeated_with_the_same_key(self):
        self.call(1, "get_account", {"account_id": "ACME-001"})
        self.stub.expire_sessions()
        before = len(self.stub.requests)

        result = self.call(4, "place_order", {"quote_id": "Q-1"})

        self.assertEqual(json.loads(result)["orderId"], "O-1")
        self.assertEqual([request[4] for request in self.stub.requests[before:]][0], 404, "the call met a 404")
        self.assertEqual(self.stub.methods(before), ["initialize", "notifications/initialized", "tools/list",
                                                     "tools/call"])
        self.assertEqual([call["_meta"]["idempotencyKey"] for call in self.stub.calls()],
                         ["T-1/1/get_account", "T-1/4/place_order"])
        self.assertEqual(self.waits, [], "no backoff for a forgotten session")

    def test_a_401_gets_one_fresh_token_and_the_call_is_replayed(self):
        self.call(1, "get_account", {"account_id": "ACME-001"})
        self.stub.refuse_tokens_seen()

        result = self.call(4, "place_order", {"quote_id": "Q-1"})

        self.assertEqual(json.loads(result)["orderId"], "O-1")
        self.assertEqual(self.stub.requests[-1][2], "Bearer mcp-token-2")

    def test_a_second_401_fails_the_task_and_nothing_more_is_sent(self):
        self.call(1, "get_account", {"account_id": "ACME-001"})
        self.stub.refuse_all = True

        with self.assertRaises(agent_module.TaskFailed) as failed:
            self.call(4, "place_order", {"quote_id": "Q-1"})

        self.assertEqual(str(failed.exception), "MCP server refused [tools/call]: HTTP 401 after a fresh token exchange;"
                                                " the agent no longer has the authority this task needs")
        self.assertEqual([call["name"] for call in self.stub.calls()], ["get_account"])
        self.assertEqual(self.tokens.issued, 2, "one fresh exchange")

    def test_after_tools_list_changed_the_tools_are_listed_again_and_a_vanished_tool_is_never_sent(self):
        self.stub.notify_next = True
        self.call(1, "get_account", {"account_id": "ACME-001"})
        self.stub.tools = [MCP_TOOLS[0], dict(MCP_TOOLS[1], name="submit_order")]
        before = len(self.stub.requests)

        result = self.call(4, "place_order", {"quote_id": "Q-1"})

        self.assertEqual(json.loads(result)["error"]["error"], "unknown_tool")
        self.assertEqual(self.stub.methods(before), ["tools/list"], "listed again, and place_order never sent")
        self.assertEqual([tool["function"]["name"] for tool in self.tools.definitions("T-1", self.tokens)],
                         ["get_account", "submit_order", "request_approval"])

    def test_an_unknown_tool_error_makes_the_agent_list_again_before_the_next_call(self):
        self.call(1, "get_account", {"account_id": "ACME-001"})
        self.stub.tools = [MCP_TOOLS[0]]

        result = self.call(4, "place_order", {"quote_id": "Q-1"})
        before = len(self.stub.requests)
        self.call(5, "get_account", {"account_id": "ACME-001"})

        self.assertEqual(json.loads(result)["error"]["error"], "unknown_tool")
        self.assertEqual(self.stub.methods(before), ["tools/list", "tools/call"])

    def test_a_tool_the_model_invents_is_answered_unknown_tool_and_never_sent(self):
        result = self.call(1, "delete_everything", {})

        self.assertEqual(json.loads(result), {"error": {"error": "unknown_tool", "message":
                                                        "no tool named [delete_everything] in the MCP server's current list"}})
        self.assertNotIn("tools/call", self.stub.methods())

    def test_a_dropped_stream_is_retried_with_the_same_key(self):
        self.stub.drop_next_call = True

        result = self.call(4, "place_order", {"quote_id": "Q-1"})

        self.assertEqual(json.loads(result)["orderId"], "O-1")
        self.assertEqual([call["_meta"]["idempotencyKey"] for call in self.stub.calls()],
                         ["T-1/4/place_order", "T-1/4/place_order"])
        self.assertEqual(self.waits, [0.25])

    def test_a_call_with_no_answer_within_the_timeout_is_retried_with_the_same_key(self):
        self.tools = McpTools(self.stub.url, 0.3, PROCUREMENT)
        self.tools.definitions("T-1", self.tokens)
        self.stub.delay_next_call = 1.0

        result = self.call(4, "place_order", {"quote_id": "Q-1"})

        self.assertEqual(json.loads(result)["orderId"], "O-1")
        self.assertEqual([call["_meta"]["idempotencyKey"] for call in self.stub.calls()],
                         ["T-1/4/place_order", "T-1/4/place_order"])

    def test_server_sent_events_join_multi_line_data_and_skip_comments(self):
        lines = [b": keep-alive\n", b"event: message\n", b"data: {\"a\":\n", b"data: 1}\n", b"\n", b"data: x\n"]

        self.assertEqual(list(sse_events(lines)), ['{"a":\n1}', "x"])


if __name__ == "__main__":
    unittest.main()
