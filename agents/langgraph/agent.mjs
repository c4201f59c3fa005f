#!/usr/bin/env node
// Crashtest reference agent on LangGraph.js, written from docs/agent-contract.md and LangGraph's own documentation on
// persistence, durable execution, interrupts and node retries.
//
// The task is a StateGraph over MessagesAnnotation:
//
//   START -> model -+-> tool ------+-> model ... -> END
//                   +-> approval --+          (outcome set: -> END)
//
//   model     ChatOpenAI (HARNESS_MODEL_BASE_URL, the workload's model) with the workload's tools bound
//   tool      ONE tool call per node run: the HTTP call of section 3.3 with a delegated token (RFC 8693) and
//             Idempotency-Key {taskId}/{step}/{tool} on writes; 5xx and broken connections are retried by the
//             node's RetryPolicy (0.25 s doubling to 4 s, 5 retries), re-running the node with the same key
//   approval  the gate: interrupt(), resumed by POST /tasks/{id}/approve with new Command({resume})
//
// Tools over MCP (section 3.4) when HARNESS_MCP_URL is set: the tool node calls the MCP server instead, with the
// official TypeScript SDK's Client over StreamableHTTPClientTransport (McpSession below), same step, same key (in
// _meta), and the model node binds the tools the server lists at each turn.
//
// State lives in PostgresSaver on the platform's PostgreSQL (CRASHTEST_PLATFORM_ADDRESS, user/password/database
// crashtest), one thread per task (thread_id = taskId). A small table of our own in the same database,
// crashtest_langgraph_tasks, lists the tasks (goal, user token, final status) so that a restarted agent knows them
// before /health answers 200, and resumes every unfinished thread from its last checkpoint (invoke(null)).
//
// Durability: the graph runs with LangGraph's default durability "async" unless CRASHTEST_LANGGRAPH_DURABILITY says
// "sync" or "exit" (see README.md: what each does after a kill -9).
//
// Logs one line per event to stdout (never a token or secret): task=<id> step=<n> tool=<name>, task=<id> turn=<n>.

import { readFileSync } from "node:fs";
import http from "node:http";
import pg from "pg";
import { Annotation, Command, END, MessagesAnnotation, START, StateGraph, interrupt } from "@langchain/langgraph";
import { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import { ChatOpenAI } from "@langchain/openai";
import { HumanMessage, SystemMessage, ToolMessage } from "@langchain/core/messages";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport, StreamableHTTPError } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { ErrorCode, McpError, ToolListChangedNotificationSchema } from "@modelcontextprotocol/sdk/types.js";

const MODEL_NAME = "crashtest-procurement";
const MAX_RETRIES = 5;
const MAX_TURNS = 25;
const REFRESH_MARGIN_MS = 10_000;
const HTTP_TIMEOUT_MS = 60_000;
const PLATFORM_RETRY_LIMIT_MS = 120_000;
const WRITE_METHODS = ["POST", "PUT", "PATCH", "DELETE"];
const DURABILITY_MODES = ["async", "sync", "exit"];
const SYSTEM_PROMPT = "You are a procurement agent. Use the tools to fulfil the user's goal: read the account, "
  + "create a quote, request approval, place the order, add a note, then summarise.";
const GENERIC_SYSTEM_PROMPT = "You are an agent. Use the tools to fulfil the user's goal, then summarise what you did.";
const REQUIRED_ENV = ["HARNESS_MODEL_BASE_URL", "HARNESS_MODEL_API_KEY", "HARNESS_IDP_ISSUER",
  "HARNESS_AGENT_CLIENT_ID", "HARNESS_AGENT_CLIENT_SECRET_FILE", "HARNESS_AGENT_PORT", "HARNESS_STATE_DIR",
  "CRASHTEST_PLATFORM_ADDRESS"];

const object = (properties, required) => ({ type: "object", properties, required });
const PROCUREMENT = {
  name: "procurement",
  model: MODEL_NAME,
  instructions: SYSTEM_PROMPT,
  tools: [
    { name: "get_account", description: "Read a CRM account.",
      parameters: object({ account_id: { type: "string" } }, ["account_id"]),
      service: "crm", method: "GET", path: "/accounts/{account_id}", body: null, gate: false, scope: "crm.read" },
    { name: "create_quote", description: "Create a price quote for an account.",
      parameters: object({ account_id: { type: "string" }, sku: { type: "string" },
        quantity: { type: "integer", minimum: 1 } }, ["account_id", "sku", "quantity"]),
      service: "crm", method: "POST", path: "/quotes",
      body: { accountId: "{account_id}", sku: "{sku}", quantity: "{quantity}" }, gate: false, scope: "crm.write" },
    { name: "request_approval", description: "Ask a human to approve a quote before ordering. Blocks until approved.",
      parameters: object({ quote_id: { type: "string" } }, ["quote_id"]), gate: true },
    { name: "place_order", description: "Place an order for an approved quote.",
      parameters: object({ quote_id: { type: "string" } }, ["quote_id"]),
      service: "crm", method: "POST", path: "/orders", body: { quoteId: "{quote_id}" }, gate: false,
      scope: "crm.write" },
    { name: "add_note", description: "Add a note to an account.",
      parameters: object({ account_id: { type: "string" }, text: { type: "string" } }, ["account_id", "text"]),
      service: "crm", method: "POST", path: "/accounts/{account_id}/notes", body: { text: "{text}" }, gate: false,
      scope: "crm.write" },
  ],
};

function log(message) {
  process.stdout.write(`${new Date().toISOString().slice(0, 19)} ${message}\n`);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const backoff = (retry) => Math.min(250 * 2 ** (retry - 1), 4000);

/** A task cannot go on: the message becomes its error (401/403 from a service, a refused token exchange). */
class TaskFailed extends Error {
  constructor(message) { super(message); this.name = "TaskFailed"; }
}

/** A service answered 5xx or the connection broke: the tool node's RetryPolicy runs the node again, same key. */
class ServiceUnavailable extends Error {
  constructor(message) { super(message); this.name = "ServiceUnavailable"; }
}

// ------------------------------------------------------------------ workload (contract, section 3.3)

class WorkloadError extends Error {}

function serviceVariable(service) {
  return `HARNESS_SERVICE_${service.toUpperCase().replaceAll("-", "_")}_URL`;
}

function loadWorkload(env) {
  const file = (env.HARNESS_WORKLOAD_FILE || "").trim();
  let document = PROCUREMENT;
  if (file) {
    try {
      document = JSON.parse(readFileSync(file, "utf8"));
    } catch (error) {
      throw new WorkloadError(`workload file [${file}]: cannot read it as JSON: ${error.message}`);
    }
  }
  const where = file ? `workload file [${file}]` : "procurement";
  const fail = (field, problem) => new WorkloadError(`${where}: field [${field}] ${problem}`);
  const text = (node, key, field) => {
    if (typeof node[key] !== "string" || !node[key].trim()) throw fail(field, "must be a non-empty string");
    return node[key];
  };
  if (typeof document !== "object" || document === null) throw new WorkloadError(`${where}: must be a JSON object`);
  if (!Array.isArray(document.tools) || document.tools.length === 0) throw fail("tools", "must be a non-empty array");
  const workload = {
    name: text(document, "name", "name"),
    model: text(document, "model", "model"),
    instructions: typeof document.instructions === "string" ? document.instructions
      : (file ? GENERIC_SYSTEM_PROMPT : SYSTEM_PROMPT),
    tools: document.tools.map((node, index) => {
      const field = `tools[${index}]`;
      const tool = { name: text(node, "name", `${field}.name`), description: node.description,
        parameters: node.parameters, gate: Boolean(node.gate) };
      if (typeof tool.parameters !== "object" || tool.parameters === null) {
        throw fail(`${field}.parameters`, "must be a JSON Schema object");
      }
      if (!tool.gate) {
        tool.service = text(node, "service", `${field}.service`);
        tool.method = text(node, "method", `${field}.method`).toUpperCase();
        if (!["GET", ...WRITE_METHODS].includes(tool.method)) {
          throw fail(`${field}.method`, `[${tool.method}] is not one of GET, POST, PUT, PATCH, DELETE`);
        }
        tool.path = text(node, "path", `${field}.path`);
        tool.body = node.body ?? null;
        tool.scope = typeof node.scope === "string" ? node.scope : (node.scopes || []).join(" ");
      }
      return tool;
    }),
  };
  const listed = typeof document.services === "object" && document.services !== null ? document.services : {};
  workload.urls = {};
  for (const tool of workload.tools.filter((t) => !t.gate)) {
    const url = (env[serviceVariable(tool.service)] || "").trim() || listed[tool.service]
      || (tool.service === "crm" ? (env.HARNESS_CRM_BASE_URL || "").trim() : "");
    if (!url) {
      throw fail(`services.${tool.service}`, `has no base URL: set ${serviceVariable(tool.service)}`);
    }
    workload.urls[tool.service] = url.replace(/\/+$/, "");
  }
  return workload;
}

function toolDefinitions(workload) {
  return workload.tools.map((tool) => ({ type: "function", function: {
    name: tool.name, ...(tool.description != null ? { description: tool.description } : {}),
    parameters: tool.parameters } }));
}

const isWrite = (tool) => !tool.gate && WRITE_METHODS.includes(tool.method);

function scopesOf(workload, service) {
  const scopes = [];
  for (const tool of workload.tools) {
    if (!tool.gate && tool.service === service) {
      for (const scope of (tool.scope || "").split(/\s+/).filter(Boolean)) {
        if (!scopes.includes(scope)) scopes.push(scope);
      }
    }
  }
  return scopes;
}

class MissingArgument extends Error {}

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_.-]*)\}/g;
const WHOLE_PLACEHOLDER = /^\{([A-Za-z_][A-Za-z0-9_.-]*)\}$/;

function argument(args, name) {
  if (args[name] === undefined || args[name] === null) throw new MissingArgument(`missing argument [${name}]`);
  return args[name];
}

const argumentText = (value) => (typeof value === "string" ? value : JSON.stringify(value));

function renderPath(template, args) {
  return template.replace(PLACEHOLDER, (_, name) => encodeURIComponent(argumentText(argument(args, name)))
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`));
}

function renderBody(template, args, required) {
  const absentOptional = (value) => {
    const match = typeof value === "string" && WHOLE_PLACEHOLDER.exec(value);
    return Boolean(match) && !required.includes(match[1]) && (args[match[1]] ?? null) === null;
  };
  const render = (value) => {
    if (Array.isArray(value)) return value.map((item) => (absentOptional(item) ? null : render(item)));
    if (value !== null && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).filter(([, item]) => !absentOptional(item))
        .map(([key, item]) => [key, render(item)]));
    }
    if (typeof value !== "string") return value;
    const whole = WHOLE_PLACEHOLDER.exec(value);
    if (whole) return argument(args, whole[1]);
    return value.replace(PLACEHOLDER, (_, name) => argumentText(argument(args, name)));
  };
  return template === null || template === undefined ? null : render(template);
}

const toolError = (code, message) => JSON.stringify({ error: { error: code, message } });

// ------------------------------------------------------------------ identity (contract, section 4)

function retryAfterMs(value, retry) {
  if (value) {
    const seconds = Number(value);
    if (Number.isFinite(seconds)) return Math.min(Math.max(seconds * 1000, 0), 60_000);
    const date = Date.parse(value);
    if (Number.isFinite(date)) return Math.min(Math.max(date - Date.now(), 0), 60_000);
  }
  return backoff(retry);
}

class TokenExchange {
  constructor(issuer, clientId, secretFile) {
    this.issuer = issuer.replace(/\/+$/, "");
    this.clientId = clientId;
    this.secretFile = secretFile;
    this.tokenEndpoint = null;
  }

  async endpoint() {
    if (this.tokenEndpoint === null) {
      const url = `${this.issuer}/.well-known/openid-configuration`;
      let document;
      try {
        const response = await fetch(url, { headers: { Accept: "application/json" },
          signal: AbortSignal.timeout(HTTP_TIMEOUT_MS) });
        document = response.ok ? await response.json() : null;
      } catch (error) {
        throw new TaskFailed(`cannot reach the discovery document [${url}]: ${error.message}`);
      }
      if (!document || typeof document.token_endpoint !== "string") {
        throw new TaskFailed(`discovery document [${url}] has no [token_endpoint]`);
      }
      this.tokenEndpoint = document.token_endpoint;
    }
    return this.tokenEndpoint;
  }

  /** The secret is read from its file at every exchange: the harness rewrites the file when it rotates it. */
  readSecret() {
    try {
      return readFileSync(this.secretFile, "utf8").split("\n")[0].trim();
    } catch (error) {
      throw new TaskFailed(`cannot read the client secret file [${this.secretFile}]: ${error.message}`);
    }
  }

  async exchange(subjectToken, audience, scopes) {
    const endpoint = await this.endpoint();
    const form = new URLSearchParams({
      grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
      subject_token: subjectToken,
      subject_token_type: "urn:ietf:params:oauth:token-type:jwt",
      audience,
    });
    if (scopes.length > 0) form.append("scope", scopes.join(" "));
    const pair = `${encodeURIComponent(this.clientId)}:${encodeURIComponent(this.readSecret())}`;
    const headers = { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json",
      Authorization: `Basic ${Buffer.from(pair, "utf8").toString("base64")}` };
    for (let retry = 1; ; retry++) {
      let last;
      let wait = backoff(retry);
      try {
        const response = await fetch(endpoint, { method: "POST", headers, body: form.toString(),
          signal: AbortSignal.timeout(HTTP_TIMEOUT_MS) });
        const text = await response.text();
        if (response.status < 500) {
          const answer = parseJson(text);
          if (response.status !== 200 || typeof answer?.access_token !== "string") {
            throw new TaskFailed(`token exchange refused: HTTP ${response.status} [${answer?.error ?? "unknown"}]`);
          }
          return { token: answer.access_token, expiresAt: Date.now() + Number(answer.expires_in ?? 60) * 1000 };
        }
        last = `HTTP ${response.status}`;
        wait = retryAfterMs(response.headers.get("retry-after"), retry);
      } catch (error) {
        if (error instanceof TaskFailed) throw error;
        last = `unreachable: ${error.cause?.code ?? error.message}`;
      }
      if (retry > MAX_RETRIES) {
        throw new TaskFailed(`token endpoint [${endpoint}] failed after ${MAX_RETRIES} retries; last: ${last}`);
      }
      log(`token exchange failed (${last}), retry ${retry}/${MAX_RETRIES} in ${(wait / 1000).toFixed(2)} s`);
      await sleep(wait);
    }
  }
}

/** One task's delegated token for one service: exchanged again when it expires within 10 s, or on a 401. */
class TokenSource {
  constructor(exchange, subjectToken, audience, scopes) {
    Object.assign(this, { exchange, subjectToken, audience, scopes, token: null, expiresAt: 0 });
  }

  async current() {
    return this.token !== null && this.expiresAt - Date.now() > REFRESH_MARGIN_MS ? this.token : this.refresh();
  }

  async refresh() {
    ({ token: this.token, expiresAt: this.expiresAt } =
      await this.exchange.exchange(this.subjectToken, this.audience, this.scopes));
    return this.token;
  }
}

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

// ------------------------------------------------------------------ services (contract, sections 3.3 and 5)

/**
 * One HTTP call of a tool, with one token refresh on 401. A 401 with the fresh token or a 403 fails the task; a 5xx
 * or a broken connection throws ServiceUnavailable, which the tool node's RetryPolicy retries.
 */
async function callService(label, method, url, tokens, body, key) {
  let token = await tokens.current();
  for (let refreshed = false; ; refreshed = true) {
    const headers = { Authorization: `Bearer ${token}`, Accept: "application/json" };
    if (body !== null) headers["Content-Type"] = "application/json";
    if (key !== null) headers["Idempotency-Key"] = key;
    let response;
    let text;
    try {
      response = await fetch(url, { method, headers, body: body === null ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(HTTP_TIMEOUT_MS) });
      text = await response.text();
    } catch (error) {
      throw new ServiceUnavailable(`${label} [${method} ${new URL(url).pathname}] broke off: `
        + `${error.cause?.code ?? error.message}`);
    }
    if (response.status === 401 && !refreshed) {
      token = await tokens.refresh();
      continue;
    }
    if (response.status === 401 || response.status === 403) {
      throw new TaskFailed(`${label} refused [${method} ${new URL(url).pathname}]: HTTP ${response.status} ${text};`
        + " the agent no longer has the authority this task needs");
    }
    if (response.status >= 500) {
      throw new ServiceUnavailable(`${label} [${method} ${new URL(url).pathname}] answered HTTP ${response.status}`);
    }
    return { status: response.status, text };
  }
}

// ------------------------------------------------------------------ tools over MCP (contract, section 3.4)

const MCP_AUDIENCE = "mcp";
const DEFAULT_MCP_TIMEOUT_MS = 10_000;

/** The answer to a POST broke off before the JSON-RPC response arrived (a dropped event stream). */
class McpStreamDropped extends Error {
  constructor(message) { super(message); this.name = "McpStreamDropped"; }
}

function mcpTimeout(env) {
  const raw = (env.HARNESS_MCP_TOOL_TIMEOUT_MS || "").trim();
  const millis = raw ? Number(raw) : DEFAULT_MCP_TIMEOUT_MS;
  if (!Number.isFinite(millis) || millis <= 0) {
    throw new WorkloadError(`HARNESS_MCP_TOOL_TIMEOUT_MS [${raw}] is not a number of milliseconds`);
  }
  return millis;
}

/**
 * Wraps the body of an event-stream answer to a JSON-RPC request: when the stream ends (or breaks) before a message
 * with the request's id and a result or error came through, `dropped` is called. The SDK's transport does not
 * resume a POST stream that sent no event id, and the request would otherwise only end at its timeout.
 */
function watchedStream(body, requestId, dropped) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  let answered = false;
  const scan = (final) => {
    const lines = buffer.split(/\r?\n/);
    buffer = final ? "" : lines.pop();
    for (const line of lines) {
      if (!line.startsWith("data:")) continue;
      const message = parseJson(line.slice(5).trim());
      if (message && typeof message === "object" && message.id === requestId && ("result" in message || "error" in message)) {
        answered = true;
      }
    }
  };
  return new ReadableStream({
    async pull(controller) {
      let chunk;
      try {
        chunk = await reader.read();
      } catch (error) {
        if (!answered) dropped(`the event stream broke off before the answer: ${error.cause?.code ?? error.message}`);
        controller.error(error);
        return;
      }
      if (chunk.done) {
        scan(true);
        controller.close();
        if (!answered) dropped("the event stream ended before the answer");
        return;
      }
      buffer += decoder.decode(chunk.value, { stream: true });
      scan(false);
      controller.enqueue(chunk.value);
    },
    cancel(reason) { return reader.cancel(reason); },
  });
}

/**
 * One task's session with the MCP server, on the official TypeScript SDK's Client and StreamableHTTPClientTransport.
 * The SDK speaks the protocol (initialize, the session header, the protocol-version header, event-stream answers,
 * the GET stream, request timeouts, notifications); what the contract asks beyond it is here: the bearer token for
 * audience `mcp` on every request (a fetch wrapper; one fresh exchange on a 401), a new session on a 404, the tool
 * list marked stale on notifications/tools/list_changed, and a dropped answer stream noticed at once.
 */
class McpSession {
  constructor(url, tokens, timeoutMs) {
    Object.assign(this, { url: new URL(url), tokens, timeoutMs, client: null, tools: [], stale: true,
      inFlight: null });
  }

  /** fetch for the transport: the current mcp token as bearer; a POSTed request's event stream watched for a drop. */
  fetch = async (url, init = {}) => {
    const headers = new Headers(init.headers);
    headers.set("Authorization", `Bearer ${await this.tokens.current()}`);
    const response = await fetch(url, { ...init, headers });
    const sent = init.method === "POST" && typeof init.body === "string" ? parseJson(init.body) : null;
    const requestId = sent && typeof sent === "object" && sent.method ? sent.id : undefined;
    const call = this.inFlight;
    if (requestId === undefined || !call || !response.ok || !response.body
        || !(response.headers.get("content-type") || "").startsWith("text/event-stream")) {
      return response;
    }
    const body = watchedStream(response.body, requestId, (why) => call.abort(new McpStreamDropped(why)));
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };

  async connect() {
    const transport = new StreamableHTTPClientTransport(this.url, { fetch: this.fetch });
    const client = new Client({ name: "crashtest-langgraph-agent", version: "0.1.0" }, { capabilities: {} });
    client.setNotificationHandler(ToolListChangedNotificationSchema, async () => {
      if (this.client === client) this.stale = true;
    });
    // The GET stream's failures (a 404 or 401 after the server forgot us, a reconnect given up) are the next
    // request's to find out; logging them is enough.
    client.onerror = (error) => {
      if (this.client === client) log(`mcp: ${error.message}`);
    };
    this.client = client;
    this.stale = true;
    try {
      await this.request((signal) => client.connect(transport, { timeout: this.timeoutMs, signal }));
    } catch (error) {
      if (this.client === client) this.reset();
      throw error;
    }
    log(`mcp: session ${transport.sessionId} initialized (protocol ${transport.protocolVersion})`);
    return client;
  }

  /** Forgets the session (the server forgot it, or it cannot be trusted): the next request initializes anew. */
  reset() {
    const client = this.client;
    this.client = null;
    this.stale = true;
    if (client) client.close().catch(() => {});
  }

  /** One request with its own abort signal, so that a dropped answer stream ends it at once. */
  async request(send) {
    const call = new AbortController();
    this.inFlight = call;
    try {
      return await send(call.signal);
    } finally {
      if (this.inFlight === call) this.inFlight = null;
    }
  }

  async listTools() {
    const client = this.client ?? await this.connect();
    this.stale = false;
    const tools = [];
    let cursor;
    try {
      do {
        const page = await this.request((signal) => client.listTools(cursor ? { cursor } : {},
          { timeout: this.timeoutMs, signal }));
        tools.push(...(page.tools ?? []));
        cursor = page.nextCursor;
      } while (cursor);
    } catch (error) {
      this.stale = true;
      throw error;
    }
    this.tools = tools;
    return tools;
  }

  async callTool(name, args, key) {
    const client = this.client ?? await this.connect();
    return this.request((signal) => client.callTool({ name, arguments: args, _meta: { idempotencyKey: key } },
      undefined, { timeout: this.timeoutMs, signal }));
  }
}

/** A CallToolResult as the tool result the model reads, the same as over REST (contract, section 3.4 "Results"). */
function mcpToolResult(result) {
  const text = (result.content ?? []).filter((item) => item.type === "text").map((item) => item.text ?? "").join("");
  const parsed = text.trim() ? parseJson(text) : null;
  if (result.isError) {
    if (parsed !== null && typeof parsed === "object" && "error" in parsed) return JSON.stringify(parsed);
    return toolError("tool_failed", text || "the MCP tool reported an error");
  }
  if (parsed !== null && typeof parsed !== "string") return text;
  if (result.structuredContent != null) return JSON.stringify(result.structuredContent);
  return text.trim() ? JSON.stringify({ text }) : "{}";
}

const mcpUnknownTool = (name) => toolError("unknown_tool", `no tool named [${name}] in the MCP server's current list`);
const isUnknownTool = (error) => error instanceof McpError && error.code === ErrorCode.InvalidParams
  && /unknown tool/i.test(error.message);
const httpStatus = (error) => (error instanceof StreamableHTTPError ? error.code : null);

/**
 * Runs one MCP request for a task's tool node: a 404 (session gone) initializes a new session, lists the tools and
 * repeats at once; a 401 exchanges one fresh token and repeats, a second 401 (or a 403) fails the task; no answer in
 * time, a dropped stream, a broken connection or -32603 throws ServiceUnavailable, which the tool node's RetryPolicy
 * retries with backoff, same step and key.
 */
async function mcpAttempt(session, what, action) {
  let refreshed = false;
  for (let renewed = 0; ; ) {
    try {
      return await action();
    } catch (error) {
      const status = httpStatus(error);
      if (error instanceof TaskFailed) throw error;
      if (status === 404 && renewed < MAX_RETRIES) {
        log(`mcp: session gone (404) at ${what}; initializing a new session`);
        session.reset();
        renewed++;
        continue;
      }
      if (status === 401 && !refreshed) {
        log(`mcp: 401 at ${what}; exchanging a fresh token`);
        await session.tokens.refresh();
        refreshed = true;
        continue;
      }
      if (status === 401 || status === 403) {
        throw new TaskFailed(`MCP server refused ${what}: HTTP ${status}${refreshed ? " after a fresh token exchange"
          : ""}; the agent no longer has the authority this task needs`);
      }
      const transient = [ErrorCode.InternalError, ErrorCode.RequestTimeout, ErrorCode.ConnectionClosed];
      if (error instanceof McpError && !transient.includes(error.code)) throw error; // the caller answers the model
      // No answer in time, a dropped stream (the SDK reports our abort as a timeout), a broken connection, -32603, a
      // 5xx: the tool node's RetryPolicy runs the node again, same step, same key.
      throw new ServiceUnavailable(`MCP server [${session.url}]: ${what} failed: ${
        error.code === ErrorCode.RequestTimeout && !/McpStreamDropped/.test(error.message)
          ? `no answer within ${session.timeoutMs} ms` : error.message}`);
    }
  }
}

// ------------------------------------------------------------------ the graph

/** The graph's state: the conversation, and the task's outcome once it has one. */
const TaskState = Annotation.Root({
  ...MessagesAnnotation.spec,
  outcome: Annotation({ reducer: (_, next) => next, default: () => null }),
});

/** The calls of the last model answer that have no tool result yet, in the order the model asked for them. */
function pendingCalls(messages) {
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index];
    if (message.getType() === "ai") {
      const answered = new Set(messages.slice(index + 1).filter((m) => m.getType() === "tool")
        .map((m) => m.tool_call_id));
      const calls = [...(message.tool_calls ?? []),
        ...(message.invalid_tool_calls ?? []).map((call) => ({ ...call, invalid: true }))];
      return calls.filter((call) => !answered.has(call.id));
    }
  }
  return [];
}

/** Section 3.2: every tool call is a step, numbered from 1 in the task; the state decides it, so a replay agrees. */
const stepOf = (messages) => messages.filter((m) => m.getType() === "tool").length + 1;

/** The write tool whose latest result is an error, if the model ended the task after it: the model gave up. */
function failedWrite(workload, messages) {
  const names = new Map();
  const latest = new Map();
  for (const message of messages) {
    for (const call of message.tool_calls ?? []) names.set(call.id, call.name);
    if (message.getType() === "tool") latest.set(names.get(message.tool_call_id), message.content);
  }
  for (const [name, content] of latest) {
    const tool = workload.tools.find((t) => t.name === name);
    const result = parseJson(typeof content === "string" ? content : "");
    if (tool && isWrite(tool) && result !== null && typeof result === "object" && "error" in result) return name;
  }
  return null;
}

function contentText(message) {
  if (typeof message.content === "string") return message.content;
  return (message.content ?? []).map((part) => part.text ?? "").join("");
}

function buildGraph(agent) {
  const { workload } = agent;
  const taskOf = (config) => agent.tasks.get(config.configurable.thread_id);

  async function model(state, config) {
    const task = taskOf(config);
    const turn = state.messages.filter((m) => m.getType() === "ai").length + 1;
    if (turn > MAX_TURNS) {
      return { outcome: { status: "FAILED", error: `the model did not finish within ${MAX_TURNS} turns` } };
    }
    log(`task=${task.taskId} turn=${turn} model=${workload.model}`);
    let answer;
    let model;
    try {
      model = await agent.modelFor(task);
    } catch (error) {
      if (error instanceof TaskFailed) return { outcome: { status: "FAILED", error: error.message } };
      throw error; // ServiceUnavailable (tools/list over MCP): the RetryPolicy runs this node again
    }
    try {
      answer = await model.invoke(state.messages);
    } catch (error) {
      return { outcome: { status: "FAILED", error: `model failed: ${error.message}` } };
    }
    if ((answer.tool_calls?.length ?? 0) + (answer.invalid_tool_calls?.length ?? 0) > 0) {
      return { messages: [answer] };
    }
    const failed = failedWrite(workload, state.messages);
    if (failed) {
      return { messages: [answer],
        outcome: { status: "FAILED", error: `the model ended the task after ${failed} failed: ${contentText(answer)}` } };
    }
    return { messages: [answer], outcome: { status: "COMPLETED", result: contentText(answer) } };
  }

  async function tool(state, config) {
    const task = taskOf(config);
    const [call] = pendingCalls(state.messages);
    const step = stepOf(state.messages);
    log(`task=${task.taskId} step=${step} tool=${call.name}`);
    let content;
    try {
      content = agent.mcpUrl ? await agent.runMcpTool(task, step, call) : await agent.runServiceTool(task, step, call);
    } catch (error) {
      if (error instanceof TaskFailed) return { outcome: { status: "FAILED", error: error.message } };
      throw error; // ServiceUnavailable: the RetryPolicy runs this node again, with the same step and key
    }
    return { messages: [new ToolMessage({ tool_call_id: call.id, name: call.name, content })] };
  }

  // The gate. interrupt() stops the run here and saves the checkpoint; Command({resume}) re-runs this node from its
  // start, and interrupt() then returns the approval. Nothing before interrupt() has an effect, as the docs advise.
  async function approval(state, config) {
    const task = taskOf(config);
    const [call] = pendingCalls(state.messages);
    const step = stepOf(state.messages);
    log(`task=${task.taskId} step=${step} tool=${call.name}`);
    const answer = interrupt({ taskId: task.taskId, tool: call.name, arguments: call.args });
    log(`task=${task.taskId} approved by ${answer.approver} status=RUNNING`);
    return { messages: [new ToolMessage({ tool_call_id: call.id, name: call.name,
      content: JSON.stringify({ approved: true, approver: answer.approver }) })] };
  }

  function next(state) {
    if (state.outcome) return END;
    const [call] = pendingCalls(state.messages);
    if (!call) return "model";
    return workload.tools.find((t) => t.name === call.name)?.gate && !call.invalid ? "approval" : "tool";
  }

  const retryPolicy = { maxAttempts: MAX_RETRIES + 1, initialInterval: 250, backoffFactor: 2, maxInterval: 4000,
    jitter: false, retryOn: (error) => error instanceof ServiceUnavailable, logWarning: true };
  return new StateGraph(TaskState)
    .addNode("model", model, { retryPolicy })
    .addNode("tool", tool, { retryPolicy })
    .addNode("approval", approval)
    .addEdge(START, "model")
    .addConditionalEdges("model", next, ["tool", "approval", "model", END])
    .addConditionalEdges("tool", next, ["tool", "approval", "model", END])
    .addConditionalEdges("approval", next, ["tool", "approval", "model", END])
    .compile({ checkpointer: agent.checkpointer });
}

// ------------------------------------------------------------------ the agent: tasks, runs, recovery

class Agent {
  constructor(env) {
    this.workload = loadWorkload(env);
    this.durability = (env.CRASHTEST_LANGGRAPH_DURABILITY || "async").trim();
    if (!DURABILITY_MODES.includes(this.durability)) {
      throw new WorkloadError(`CRASHTEST_LANGGRAPH_DURABILITY [${this.durability}] is not one of `
        + DURABILITY_MODES.join(", "));
    }
    const [host, port] = splitAddress(env.CRASHTEST_PLATFORM_ADDRESS);
    this.pool = new pg.Pool({ host, port, user: "crashtest", password: "crashtest", database: "crashtest", max: 8,
      connectionTimeoutMillis: 5000, query_timeout: 10_000, keepAlive: true, idleTimeoutMillis: 10_000 });
    // PostgreSQL dying (platform-restart) makes every open connection emit "error": on an idle one the pool reports
    // it here, on one checked out (PostgresSaver holds one through each checkpoint's transaction) the client does.
    // node-postgres leaves both to the application; unheard, Node ends the process. The query in flight fails, the
    // run breaks off, and drive() resumes it from the last checkpoint.
    this.pool.on("error", (error) => log(`platform connection lost: ${error.message}`));
    this.pool.on("connect", (client) => client.on("error", (error) => log(`platform connection lost: ${error.message}`)));
    this.checkpointer = new PostgresSaver(this.pool);
    this.chat = new ChatOpenAI({ model: this.workload.model, apiKey: env.HARNESS_MODEL_API_KEY,
      configuration: { baseURL: env.HARNESS_MODEL_BASE_URL }, maxRetries: MAX_RETRIES, timeout: HTTP_TIMEOUT_MS });
    // Tools over MCP (section 3.4) when HARNESS_MCP_URL is set: the model is offered what the server lists at each
    // turn (plus the gate tools); over REST, the workload's tools, bound once.
    this.mcpUrl = (env.HARNESS_MCP_URL || "").trim() || null;
    this.mcpTimeoutMs = mcpTimeout(env);
    this.model = this.mcpUrl ? null : this.chat.bindTools(toolDefinitions(this.workload));
    this.exchange = new TokenExchange(env.HARNESS_IDP_ISSUER, env.HARNESS_AGENT_CLIENT_ID,
      env.HARNESS_AGENT_CLIENT_SECRET_FILE);
    this.tasks = new Map();
    this.ready = false;
    this.graph = buildGraph(this);
  }

  async start() {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.checkpointer.setup();
        await this.pool.query(`CREATE TABLE IF NOT EXISTS crashtest_langgraph_tasks (
          task_id text PRIMARY KEY, goal text NOT NULL, user_token text NOT NULL, status text NOT NULL,
          result text, error text, created_at timestamptz NOT NULL DEFAULT now())`);
        const { rows } = await this.pool.query(
          "SELECT task_id, goal, user_token, status, result, error FROM crashtest_langgraph_tasks ORDER BY created_at");
        for (const row of rows) {
          const task = newTask(row.task_id, row.goal, row.user_token);
          Object.assign(task, { status: row.status, result: row.result, error: row.error });
          this.tasks.set(task.taskId, task);
        }
        break;
      } catch (error) {
        if (attempt >= 30) throw error;
        log(`platform not reachable yet (${error.message}); retry ${attempt}`);
        await sleep(1000);
      }
    }
    const unfinished = [...this.tasks.values()].filter((task) => task.status === "RUNNING");
    for (const task of unfinished) {
      const snapshot = await this.graph.getState(this.config(task));
      if (awaitingApproval(snapshot)) task.status = "AWAITING_APPROVAL";
    }
    this.ready = true;
    for (const task of unfinished) {
      log(`task=${task.taskId} resumed from its checkpoint status=${task.status}`);
      if (task.status === "RUNNING") this.drive(task);
    }
  }

  config(task) {
    return { configurable: { thread_id: task.taskId }, durability: this.durability,
      recursionLimit: 2 * MAX_TURNS + 10 };
  }

  async submit(taskId, goal, userToken) {
    const known = this.tasks.get(taskId);
    if (known) {
      log(`task=${taskId} duplicate submission ignored`);
      return known;
    }
    const task = newTask(taskId, goal, userToken);
    this.tasks.set(taskId, task);
    try {
      await this.pool.query("INSERT INTO crashtest_langgraph_tasks (task_id, goal, user_token, status)"
        + " VALUES ($1, $2, $3, 'RUNNING') ON CONFLICT (task_id) DO NOTHING", [taskId, goal, userToken]);
    } catch (error) {
      this.tasks.delete(taskId);
      throw error;
    }
    log(`task=${taskId} status=RUNNING runtime=langgraph durability=${this.durability}`);
    this.drive(task);
    return task;
  }

  approve(task, approver) {
    if (task.status !== "AWAITING_APPROVAL") return false;
    task.status = "RUNNING";
    task.resume = { approver };
    this.drive(task);
    return true;
  }

  /**
   * Runs the task's graph until it ends or waits at the gate. What to send is read from the thread's checkpoint: no
   * checkpoint yet, the first input; an interrupt, the approval as Command({resume}); anything else, null (resume
   * from the last checkpoint, as LangGraph's docs say to recover from a failure). The platform failing (PostgreSQL
   * killed or cut off) is waited out the same way.
   */
  async drive(task) {
    if (task.running) return;
    task.running = true;
    const started = Date.now();
    let stalled = 0;
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          const snapshot = await this.graph.getState(this.config(task));
          if (snapshot.values?.outcome) {
            await this.finish(task, snapshot.values.outcome);
            return;
          }
          let input = null;
          if (!snapshot.values?.messages?.length) {
            input = { messages: [new SystemMessage(this.workload.instructions), new HumanMessage(task.goal)] };
          } else if (awaitingApproval(snapshot)) {
            if (!task.resume) {
              task.status = "AWAITING_APPROVAL";
              log(`task=${task.taskId} status=AWAITING_APPROVAL`);
              return;
            }
            input = new Command({ resume: task.resume });
          } else if (snapshot.next.length === 0 && (snapshot.tasks ?? []).length === 0) {
            // Note: `next` alone is empty too when the last node's writes were saved (pending writes) but the
            // checkpoint after it was not (a kill between the two): invoke(null) applies them and goes on.
            await this.finish(task, { status: "FAILED", error: "the graph ended without an outcome" });
            return;
          }
          task.status = "RUNNING";
          await this.graph.invoke(input, this.config(task));
          if (input instanceof Command) task.resume = null;
          const after = await this.graph.getState(this.config(task));
          if (input === null && sameCheckpoint(snapshot, after) && ++stalled >= 3) {
            await this.finish(task, { status: "FAILED", error: "resuming from the last checkpoint made no progress"
              + ` (checkpoint ${after.config?.configurable?.checkpoint_id}, next [${after.next.join(", ")}])` });
            return;
          }
        } catch (error) {
          if (error instanceof ServiceUnavailable || error?.name === "GraphRecursionError") {
            await this.finish(task, { status: "FAILED", error: error.message });
            return;
          }
          if (Date.now() - started > PLATFORM_RETRY_LIMIT_MS) {
            await this.finish(task, { status: "FAILED", error: `gave up after ${attempt} attempts: ${error.message}` });
            return;
          }
          log(`task=${task.taskId} run broke off (${error.message}); resuming from the last checkpoint`);
          await sleep(backoff(Math.min(attempt, 5)));
        }
      }
    } finally {
      task.running = false;
    }
  }

  async finish(task, outcome) {
    Object.assign(task, { status: outcome.status, result: outcome.result ?? null, error: outcome.error ?? null });
    log(`task=${task.taskId} status=${task.status}${task.error ? ` error=${task.error}` : ""}`);
    for (let attempt = 1; attempt <= 30; attempt++) {
      try {
        await this.pool.query("UPDATE crashtest_langgraph_tasks SET status = $2, result = $3, error = $4"
          + " WHERE task_id = $1", [task.taskId, task.status, task.result, task.error]);
        return;
      } catch (error) {
        log(`task=${task.taskId} could not record its status yet (${error.message})`);
        await sleep(1000);
      }
    }
  }

  tokens(task, service) {
    if (!task.tokens.has(service)) {
      // The mcp token carries the scopes of all the workload's tools (section 3.4 "Authorization").
      const scopes = service === MCP_AUDIENCE
        ? [...new Set(this.workload.tools.filter((t) => !t.gate).flatMap((t) => (t.scope || "").split(/\s+/))
          .filter(Boolean))]
        : scopesOf(this.workload, service);
      task.tokens.set(service, new TokenSource(this.exchange, task.userToken, service, scopes));
    }
    return task.tokens.get(service);
  }

  /** The task's MCP session (in memory only, like its tokens: a restarted agent initializes a new one). */
  mcp(task) {
    task.mcp ??= new McpSession(this.mcpUrl, this.tokens(task, MCP_AUDIENCE), this.mcpTimeoutMs);
    return task.mcp;
  }

  /** The model for this turn: over MCP, bound to the tools the server lists now (listed again when stale). */
  async modelFor(task) {
    if (!this.mcpUrl) return this.model;
    const session = this.mcp(task);
    await mcpAttempt(session, "tools/list", () => (session.stale ? session.listTools() : session.tools));
    const gates = this.workload.tools.filter((t) => t.gate);
    const listed = session.tools.filter((tool) => !gates.some((gate) => gate.name === tool.name))
      .map((tool) => ({ name: tool.name, description: tool.description,
        parameters: tool.inputSchema ?? { type: "object", properties: {} } }));
    return this.chat.bindTools(toolDefinitions({ tools: [...listed, ...gates] }));
  }

  /**
   * Section 3.4: the tool call on the MCP server, key {taskId}/{step}/{tool} in _meta on every call. A tool that is
   * not in the current list is never sent; an unknown-tool error lists the tools again before the next call.
   */
  async runMcpTool(task, step, call) {
    if (call.invalid || call.args === null || typeof call.args !== "object") {
      return toolError("invalid_arguments", "arguments are not a JSON object");
    }
    const session = this.mcp(task);
    const key = `${task.taskId}/${step}/${call.name}`;
    try {
      return await mcpAttempt(session, `tools/call [${call.name}] (key ${key})`, async () => {
        if (session.stale) await session.listTools();
        if (!session.tools.some((tool) => tool.name === call.name)) return mcpUnknownTool(call.name);
        return mcpToolResult(await session.callTool(call.name, call.args, key));
      });
    } catch (error) {
      if (!(error instanceof McpError)) throw error;
      if (isUnknownTool(error)) {
        session.stale = true;
        return mcpUnknownTool(call.name);
      }
      return JSON.stringify({ error: { error: "mcp_error", code: error.code, message: error.message } });
    }
  }

  /** Section 3.3: the tool's HTTP call; a 2xx body is the result, any other 4xx {"error": body}. */
  async runServiceTool(task, step, call) {
    const tool = this.workload.tools.find((t) => t.name === call.name);
    if (call.invalid || call.args === null || typeof call.args !== "object") {
      return toolError("invalid_arguments", "arguments are not a JSON object");
    }
    if (!tool || tool.gate) return toolError("unknown_tool", `no tool named [${call.name}]`);
    let path;
    let body = null;
    try {
      path = renderPath(tool.path, call.args);
      if (isWrite(tool) && tool.method !== "DELETE") {
        body = renderBody(tool.body, call.args, tool.parameters.required ?? []);
      }
    } catch (error) {
      if (error instanceof MissingArgument) return toolError("invalid_arguments", error.message);
      throw error;
    }
    const key = isWrite(tool) ? `${task.taskId}/${step}/${tool.name}` : null;
    const label = tool.service === "crm" ? "CRM" : `service [${tool.service}]`;
    const { status, text } = await callService(label, tool.method, this.workload.urls[tool.service] + path,
      this.tokens(task, tool.service), body, key);
    if (status >= 200 && status < 300) return text.trim() ? text : "{}";
    return JSON.stringify({ error: parseJson(text) });
  }
}

function newTask(taskId, goal, userToken) {
  return { taskId, goal, userToken, status: "RUNNING", result: null, error: null, running: false, resume: null,
    tokens: new Map() };
}

function sameCheckpoint(before, after) {
  return before.config?.configurable?.checkpoint_id === after.config?.configurable?.checkpoint_id;
}

function awaitingApproval(snapshot) {
  return (snapshot.tasks ?? []).some((task) => (task.interrupts ?? []).length > 0);
}

function splitAddress(raw) {
  const match = /^(.+):(\d+)$/.exec((raw || "").trim());
  if (!match) {
    throw new WorkloadError(`CRASHTEST_PLATFORM_ADDRESS [${raw}] is not host:port (for example: 127.0.0.1:41010);`
      + " the langgraph agent keeps its checkpoints in that PostgreSQL");
  }
  return [match[1], Number(match[2])];
}

// ------------------------------------------------------------------ control API (contract, section 2)

function view(task) {
  return { taskId: task.taskId, status: task.status, ...(task.result != null ? { result: task.result } : {}),
    ...(task.error != null ? { error: task.error } : {}) };
}

function serve(agent, port) {
  const server = http.createServer((request, response) => {
    const send = (status, body) => {
      const data = JSON.stringify(body);
      response.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(data) });
      response.end(data);
    };
    const chunks = [];
    request.on("data", (chunk) => chunks.push(chunk));
    request.on("end", () => {
      handle(agent, request, Buffer.concat(chunks).toString("utf8"), send)
        .catch((error) => send(503, { error: `the agent cannot answer now: ${error.message}` }));
    });
  });
  server.listen(port, "127.0.0.1");
  return server;
}

async function handle(agent, request, raw, send) {
  const parts = new URL(request.url, "http://127.0.0.1").pathname.split("/").filter(Boolean);
  if (request.method === "GET" && parts.length === 1 && parts[0] === "health") {
    return agent.ready ? send(200, { status: "UP", runtime: "langgraph" })
      : send(503, { status: "STARTING", error: "loading the tasks kept in PostgreSQL" });
  }
  if (!agent.ready) return send(503, { error: "the agent is starting" });
  if (request.method === "GET" && parts.length === 2 && parts[0] === "tasks") {
    const task = agent.tasks.get(decodeURIComponent(parts[1]));
    return task ? send(200, view(task)) : send(404, { error: "unknown task" });
  }
  if (request.method !== "POST") return send(404, { error: `no such endpoint [${request.method} ${request.url}]` });
  let body = {};
  if (raw.trim()) {
    body = parseJson(raw);
    if (body === null || typeof body !== "object" || Array.isArray(body)) {
      return send(400, { error: "the body must be a JSON object" });
    }
  }
  if (parts.length === 1 && parts[0] === "tasks") {
    for (const field of ["taskId", "goal", "userToken"]) {
      if (typeof body[field] !== "string" || !body[field]) return send(400, { error: `missing field [${field}]` });
    }
    const task = await agent.submit(body.taskId, body.goal, body.userToken);
    return send(202, { taskId: task.taskId, status: task.status });
  }
  if (parts.length === 3 && parts[0] === "tasks" && parts[2] === "approve") {
    const task = agent.tasks.get(decodeURIComponent(parts[1]));
    if (!task) return send(404, { error: "unknown task" });
    const approver = typeof body.approver === "string" && body.approver ? body.approver : "unknown";
    if (!agent.approve(task, approver)) return send(409, { error: "task is not awaiting approval" });
    return send(202, { taskId: task.taskId, status: task.status });
  }
  return send(404, { error: `no such endpoint [POST ${request.url}]` });
}

async function main() {
  const env = process.env;
  const hasWorkload = Boolean((env.HARNESS_WORKLOAD_FILE || "").trim());
  const missing = [...REQUIRED_ENV, ...(hasWorkload ? [] : ["HARNESS_CRM_BASE_URL"])]
    .filter((name) => !(env[name] || "").trim());
  if (missing.length > 0) {
    process.stderr.write(`langgraph agent: missing environment variable [${missing[0]}]; see docs/agent-contract.md,`
      + " section 1 (CRASHTEST_PLATFORM_ADDRESS: the PostgreSQL the harness starts as this agent's platform)\n");
    process.exit(2);
  }
  let agent;
  try {
    agent = new Agent(env);
  } catch (error) {
    if (!(error instanceof WorkloadError)) throw error;
    process.stderr.write(`langgraph agent: cannot start: ${error.message}\n`);
    process.exit(2);
  }
  const port = Number(env.HARNESS_AGENT_PORT);
  const server = serve(agent, port);
  const stop = () => {
    server.close();
    agent.pool.end().finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  log(`procurement-agent (langgraph) listening on http://127.0.0.1:${port} runtime=langgraph`
    + ` durability=${agent.durability} workload=${agent.workload.name}`);
  await agent.start();
  log(`procurement-agent (langgraph) ready: ${agent.tasks.size} task(s) known`);
}

main().catch((error) => {
  process.stderr.write(`langgraph agent: ${error.stack ?? error}\n`);
  process.exit(1);
});
