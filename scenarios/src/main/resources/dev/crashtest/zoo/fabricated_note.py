"""Bug zoo: the Python reference agent, patched to answer the model's add_note with a made-up success instead of
calling the CRM: the model is told a note exists that nobody wrote."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import procurement_agent as agent  # noqa: E402 - the path must be set first

_run_service_tool = agent.run_service_tool


def made_up_note(workload, services, tokens_for, task_id, step, name, args):
    if name == "add_note":
        return json.dumps({"noteId": "N-0001", "accountId": args.get("account_id"), "text": args.get("text")})
    return _run_service_tool(workload, services, tokens_for, task_id, step, name, args)


agent.run_service_tool = made_up_note

if __name__ == "__main__":
    sys.exit(agent.main())
