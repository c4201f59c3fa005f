package dev.crashtest.fakes.mcp.internal;

import dev.crashtest.fakes.auth.Caller;

/**
 * What the front learned of one MCP request, handed to the SDK's tool handler through the transport context: who
 * called, with which token, in which session, and the response a fault may drop.
 */
record CallContext(Caller caller, String token, String sessionId, DroppableResponse response) {
  static final String KEY = "crashtest.call";
}
