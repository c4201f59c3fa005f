// Drives Crashtest's fake MCP server with the official TypeScript SDK client (@modelcontextprotocol/sdk):
// initialize, tools/list, tools/call, then a session expiry (injected through the server's fault API): the old
// session's next request fails with HTTP 404, and a new client initializes and calls again with the same
// idempotency key. Prints one JSON object on standard output; exits 1 with {"failed": "..."} on a surprise.
//
//   node mcp-client.mjs <mcp url> <bearer token>
//
// Run by TypeScriptClientIT with node_modules from ci/install-node-mcp.sh.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const [url, token] = process.argv.slice(2);
const KEY = "TS-1/1/create_quote";
const ARGUMENTS = { account_id: "ACME-001", sku: "MONITOR-27", quantity: 3 };

async function connect() {
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers: { Authorization: `Bearer ${token}` } },
  });
  const client = new Client({ name: "crashtest-ts-client", version: "1.0.0" });
  client.onerror = () => {}; // the GET stream of a forgotten session fails too: the 404 below is what we check
  await client.connect(transport);
  return { client, transport };
}

function quote(result) {
  const text = result.content?.[0]?.text ?? "{}";
  return { isError: result.isError === true, quoteId: JSON.parse(text).quoteId ?? null };
}

async function expireSessions() {
  const response = await fetch(new URL("/__crashtest/faults", url), {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ type: "expire_sessions" }),
  });
  if (response.status !== 201) {
    throw new Error(`injecting expire_sessions answered ${response.status}: ${await response.text()}`);
  }
}

async function main() {
  const out = {};
  const first = await connect();
  out.firstSession = first.transport.sessionId;
  out.tools = (await first.client.listTools()).tools.map((tool) => tool.name);
  out.firstCall = quote(await first.client.callTool({ name: "create_quote", arguments: ARGUMENTS, _meta: { idempotencyKey: KEY } }));

  await expireSessions();
  try {
    await first.client.listTools();
    out.expired = { status: null, message: "no error" };
  } catch (error) {
    out.expired = { status: error.code ?? null, message: String(error.message) };
  }
  await first.client.close().catch(() => {});

  const second = await connect();
  out.secondSession = second.transport.sessionId;
  out.secondCall = quote(await second.client.callTool({ name: "create_quote", arguments: ARGUMENTS, _meta: { idempotencyKey: KEY } }));
  await second.client.close().catch(() => {});
  console.log(JSON.stringify(out));
}

main().then(() => process.exit(0), (error) => {
  console.log(JSON.stringify({ failed: String(error?.stack ?? error) }));
  process.exit(1);
});
