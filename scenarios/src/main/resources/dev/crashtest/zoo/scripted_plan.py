"""Bug zoo: the Python reference agent, patched to follow a plan of its own: it asks the model once, then reads
the goal itself and runs create_quote, request_approval, place_order and add_note without asking the model
again. It works, but it never takes the path a scenario's trigger waits for (the model asking for create_quote),
so a fault armed there never fires and the run tested nothing."""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import procurement_agent as agent  # noqa: E402 - the path must be set first

GOAL = re.compile(r"Buy (\d+) units of (\S+) for account ([^.\s]+)")


def planned_loop(self, task):
    tokens = self.tokens(task.user_token)
    messages = [{"role": "system", "content": self.workload["instructions"]}, {"role": "user", "content": task.goal}]
    self.model.next(messages)
    match = GOAL.search(task.goal)
    if match is None:
        raise agent.TaskFailed(f"cannot read the goal [{task.goal}]")
    quantity, sku, account = int(match.group(1)), match.group(2), match.group(3)
    self.run_tool(task, tokens, 1, "get_account", json.dumps({"account_id": account}))
    quote = json.loads(self.run_tool(task, tokens, 2, "create_quote",
                                     json.dumps({"account_id": account, "sku": sku, "quantity": quantity})))
    self.run_tool(task, tokens, 3, "request_approval", json.dumps({"quote_id": quote["quoteId"]}))
    order = json.loads(self.run_tool(task, tokens, 4, "place_order", json.dumps({"quote_id": quote["quoteId"]})))
    self.run_tool(task, tokens, 5, "add_note", json.dumps({"account_id": account, "text": "ordered"}))
    return f"order {order.get('orderId')} placed"


agent.Agent.loop = planned_loop

if __name__ == "__main__":
    sys.exit(agent.main())
