"""A control API that breaks the agent contract in one way, named by argv[1]; it does no work at all.

  health-500   GET /health answers 500 with a text body, forever
  submit-text  POST /tasks answers 202 with a text body, not JSON
  status-html  POST /tasks is fine; GET /tasks/{id} answers 200 with an HTML page
"""
import http.server
import json
import os
import sys

MODE = sys.argv[1]


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/health":
            if MODE == "health-500":
                self.answer(500, "text/plain", "Internal Server Error: no database configured")
            else:
                self.answer(200, "application/json", json.dumps({"status": "ok"}))
        elif MODE == "status-html":
            self.answer(200, "text/html", "<html>\n<body>\n<h1>Task dashboard</h1>\n</body>\n</html>\n")
        else:
            self.answer(200, "application/json", json.dumps({"taskId": self.path[7:], "status": "RUNNING"}))

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if MODE == "submit-text":
            self.answer(202, "text/plain", "accepted")
        else:
            self.answer(202, "application/json", json.dumps({"status": "RUNNING"}))

    def answer(self, status, content_type, body):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


http.server.ThreadingHTTPServer(("127.0.0.1", int(os.environ["HARNESS_AGENT_PORT"])), Handler).serve_forever()
