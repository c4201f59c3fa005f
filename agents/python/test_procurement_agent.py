"""Unit tests of the Python reference agent: its journal and resume logic, Retry-After, the control API's 400s.

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
from unittest import mock

import procurement_agent as agent_module
from procurement_agent import Agent, Journal, Task, make_server, pending_calls, retry_after_seconds

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


if __name__ == "__main__":
    unittest.main()
