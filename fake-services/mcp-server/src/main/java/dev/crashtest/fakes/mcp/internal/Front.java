package dev.crashtest.fakes.mcp.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crashtest.fakes.auth.Caller;
import dev.crashtest.fakes.mcp.McpEvents;
import dev.crashtest.fakes.mcp.McpTool;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What stands in front of the SDK's Streamable HTTP servlet: everything MCP's transport and authorization specify
 * that the SDK leaves to the host, and everything a fault changes on the wire.
 *
 * <ul>
 *   <li>{@code /.well-known/oauth-protected-resource} (RFC 9728) and the fault API, answered here;
 *   <li>on {@code /mcp}: the bearer token ({@link Authorization}: 401 with {@code WWW-Authenticate}, token
 *       passthrough refused), a session the server forgot (404, before the SDK sees it), a call of a tool not in
 *       the current list (JSON-RPC error -32602), the events of initialize, tools/list and DELETE, the GET streams
 *       notifications go to, and the response a fault may drop.
 * </ul>
 */
final class Front implements Filter {
  static final String MCP_PATH = "/mcp";
  static final String SESSION_HEADER = "Mcp-Session-Id";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Authorization authorization;
  private final Sessions sessions;
  private final FaultState faults;
  private final FaultAdmin admin;
  private final Events events;
  private final ResourceMetadata metadata;

  Front(Authorization authorization, Sessions sessions, FaultState faults, FaultAdmin admin, Events events,
      ResourceMetadata metadata) {
    this.authorization = authorization;
    this.sessions = sessions;
    this.faults = faults;
    this.admin = admin;
    this.events = events;
    this.metadata = metadata;
  }

  @Override
  public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) servletRequest;
    HttpServletResponse response = (HttpServletResponse) servletResponse;
    String path = request.getRequestURI();
    if (path.startsWith(ResourceMetadata.PATH)) {
      metadata.serve(request, response);
    } else if (FaultAdmin.handles(path)) {
      admin.serve(request, response);
    } else if (path.equals(MCP_PATH)) {
      mcp(request, response, chain);
    } else {
      chain.doFilter(request, response);
    }
  }

  private void mcp(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    Caller caller;
    try {
      caller = authorization.authenticate(request.getHeader("Authorization"));
    } catch (Authorization.Refusal refusal) {
      authorization.refuse(refusal, response);
      return;
    }
    String sessionId = request.getHeader(SESSION_HEADER);
    if (sessionId != null && !sessions.isLive(sessionId)) {
      events.publish(caller, McpEvents.SESSION_MISSING, false, Events.details(McpEvents.SESSION_ID, sessionId,
          McpEvents.METHOD, request.getMethod()));
      writeJson(response, 404, Map.of("jsonrpc", "2.0", "error", Map.of("code", -32001, "message",
          "session [" + sessionId + "] not found: the server does not know it (expired or restarted);"
              + " initialize a new session")));
      return;
    }
    String token = request.getHeader("Authorization").substring(7).trim();
    switch (request.getMethod()) {
      case "GET" -> stream(request, response, chain, sessionId);
      case "DELETE" -> {
        chain.doFilter(request, response);
        if (response.getStatus() == 200 && sessionId != null) {
          sessions.closed(sessionId);
          events.publish(caller, McpEvents.SESSION_CLOSED, true, Events.details(McpEvents.SESSION_ID, sessionId));
        }
      }
      case "POST" -> post(request, response, chain, new CallContext(caller, token, sessionId, null));
      default -> chain.doFilter(request, response);
    }
  }

  private void post(HttpServletRequest request, HttpServletResponse response, FilterChain chain, CallContext call)
      throws IOException, ServletException {
    byte[] body = request.getInputStream().readAllBytes();
    BodyRequest replay = new BodyRequest(request, body);
    JsonNode message;
    try {
      message = JSON.readTree(body);
    } catch (IOException notJson) {
      chain.doFilter(replay, response);
      return;
    }
    String method = message.path("method").asText("");
    if (method.equals("initialize")) {
      replay.setAttribute(CallContext.KEY, call);
      chain.doFilter(replay, new SessionCapture(response, id -> initialized(call, id, message)));
    } else if (method.equals("tools/list")) {
      replay.setAttribute(CallContext.KEY, call);
      events.publish(call.caller(), McpEvents.TOOLS_LIST, true, Events.details(McpEvents.SESSION_ID,
          call.sessionId(), McpEvents.TOOLS, FaultState.names(faults.currentTools())));
      chain.doFilter(replay, response);
    } else if (method.equals("tools/call") && !served(message.path("params").path("name").asText())) {
      unknownTool(response, call, message);
    } else {
      DroppableResponse droppable = new DroppableResponse(request, response);
      replay.setAttribute(CallContext.KEY, new CallContext(call.caller(), call.token(), call.sessionId(), droppable));
      chain.doFilter(replay, droppable);
    }
  }

  private void initialized(CallContext call, String sessionId, JsonNode message) {
    sessions.started(sessionId);
    JsonNode params = message.path("params");
    events.publish(call.caller(), McpEvents.INITIALIZE, true, Events.details(McpEvents.SESSION_ID, sessionId,
        McpEvents.CLIENT_NAME, params.path("clientInfo").path("name").asText(null),
        McpEvents.PROTOCOL_VERSION, params.path("protocolVersion").asText(null)));
  }

  private boolean served(String tool) {
    return faults.currentTools().stream().map(McpTool::name).anyMatch(tool::equals);
  }

  private void unknownTool(HttpServletResponse response, CallContext call, JsonNode message) throws IOException {
    String tool = message.path("params").path("name").asText();
    JsonNode meta = message.path("params").path("_meta").path("idempotencyKey");
    events.publish(call.caller(), McpEvents.TOOLS_CALL, false, Events.details(McpEvents.SESSION_ID,
        call.sessionId(), McpEvents.TOOL, tool, McpEvents.IDEMPOTENCY_KEY, meta.isMissingNode() ? null : meta.asText(),
        McpEvents.IS_ERROR, true, McpEvents.UNKNOWN_TOOL, true));
    writeJson(response, 200, Map.of("jsonrpc", "2.0", "id", message.get("id"), "error", Map.of("code", -32602,
        "message", "unknown tool [" + tool + "]", "data", Map.of("tools", FaultState.names(faults.currentTools())))));
  }

  private void stream(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String sessionId)
      throws IOException, ServletException {
    chain.doFilter(request, response);
    if (sessionId != null && request.isAsyncStarted()) {
      AsyncContext stream = request.getAsyncContext();
      sessions.streamOpened(sessionId, stream);
      stream.addListener(new AsyncListener() {
        @Override
        public void onComplete(AsyncEvent event) {
          sessions.streamEnded(sessionId, stream);
        }

        @Override
        public void onTimeout(AsyncEvent event) {
          sessions.streamEnded(sessionId, stream);
        }

        @Override
        public void onError(AsyncEvent event) {
          sessions.streamEnded(sessionId, stream);
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
          // a stream is started once
        }
      });
    }
  }

  static void writeJson(HttpServletResponse response, int status, Object body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    response.setStatus(status);
    response.setContentType("application/json");
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }

  /** Sees the session id the SDK assigns on initialize, before the answer's body is written. */
  private static final class SessionCapture extends HttpServletResponseWrapper {
    private final java.util.function.Consumer<String> onSession;

    SessionCapture(HttpServletResponse response, java.util.function.Consumer<String> onSession) {
      super(response);
      this.onSession = onSession;
    }

    @Override
    public void setHeader(String name, String value) {
      if (SESSION_HEADER.equalsIgnoreCase(name) && value != null) {
        onSession.accept(value);
      }
      super.setHeader(name, value);
    }
  }

  static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
