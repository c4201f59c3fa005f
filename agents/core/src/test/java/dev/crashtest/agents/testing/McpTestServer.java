package dev.crashtest.agents.testing;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;

/**
 * A real MCP server for the agents' tests: the MCP Java SDK's own server ({@code McpServer.sync} on its servlet
 * Streamable HTTP transport) in the Jetty 11 that WireMock already brings to this class path. The SDK's servlet is
 * built against Servlet 6.1 but uses nothing Jetty 11's Servlet 5 lacks, so no second servlet container (and no
 * second copy of {@code jakarta.servlet}) is needed. A filter in front records every request and plays the faults the
 * SDK server has no switch for: forgetting sessions (404) and refusing tokens (401).
 *
 * <pre>{@code
 * try (McpTestServer mcp = McpTestServer.start(List.of(McpTestServer.tool("get_account", "account_id")),
 *     call -> McpTestServer.text("{\"accountId\":\"ACME-001\"}"))) {
 *   mcp.expireSessions();
 *   mcp.calls(); // every tools/call that reached a tool, with its _meta
 * }
 * }</pre>
 */
public final class McpTestServer implements AutoCloseable {
  private static final JsonSchemaValidator ACCEPT_ALL =
      (schema, content) -> JsonSchemaValidator.ValidationResponse.asValid(null);

  private final Server jetty;
  private final McpSyncServer mcp;
  private final Function<McpSchema.CallToolRequest, McpSchema.CallToolResult> handler;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final List<McpSchema.CallToolRequest> calls = new CopyOnWriteArrayList<>();
  private final Set<String> sessionsSeen = ConcurrentHashMap.newKeySet();
  private final Set<String> expired = ConcurrentHashMap.newKeySet();
  private final Set<String> tokensSeen = ConcurrentHashMap.newKeySet();
  private final Set<String> refused = ConcurrentHashMap.newKeySet();
  private volatile boolean refuseAll;

  /** One HTTP request as it arrived, and the status the filter answered (0 when it went on to the SDK). */
  public record Request(String method, String sessionId, String authorization, String body, int refusedWith) {}

  private McpTestServer(List<McpSchema.Tool> tools, Function<McpSchema.CallToolRequest, McpSchema.CallToolResult> handler)
      throws Exception {
    this.handler = handler;
    HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
        .jsonMapper(McpJsonDefaults.getMapper())
        .mcpEndpoint("/mcp")
        .build();
    mcp = McpServer.sync(transport)
        .serverInfo("crashtest-test-mcp", "1")
        .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
        .jsonSchemaValidator(ACCEPT_ALL)
        .requestTimeout(Duration.ofSeconds(30))
        .build();
    tools.forEach(this::addTool);
    jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    ServletHolder servlet = new ServletHolder(transport);
    servlet.setAsyncSupported(true);
    context.addServlet(servlet, "/mcp");
    FilterHolder front = new FilterHolder(new Front());
    front.setAsyncSupported(true);
    context.addFilter(front, "/*", EnumSet.of(DispatcherType.REQUEST));
    jetty.setHandler(context);
    jetty.start();
  }

  /** Starts the server with {@code tools}; every call of a listed tool is answered by {@code handler}. */
  public static McpTestServer start(List<McpSchema.Tool> tools,
      Function<McpSchema.CallToolRequest, McpSchema.CallToolResult> handler) throws Exception {
    return new McpTestServer(tools, handler);
  }

  /** A tool whose input is an object of required string properties. */
  public static McpSchema.Tool tool(String name, String... properties) {
    Map<String, Object> props = new java.util.LinkedHashMap<>();
    for (String property : properties) {
      props.put(property, Map.of("type", "string"));
    }
    return McpSchema.Tool.builder().name(name).description("The tool " + name + ".")
        .inputSchema(new McpSchema.JsonSchema("object", props, List.of(properties), null, null, null)).build();
  }

  /** A successful result with one text content. */
  public static McpSchema.CallToolResult text(String json) {
    return McpSchema.CallToolResult.builder().addTextContent(json).isError(false).build();
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort() + "/mcp");
  }

  /** Every {@code tools/call} that reached a tool, in order. */
  public List<McpSchema.CallToolRequest> calls() {
    return List.copyOf(calls);
  }

  /** Every HTTP request, in order. */
  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** Every request body holding a JSON-RPC call of {@code method} (e.g. {@code tools/list}). */
  public List<Request> requests(String method) {
    return requests.stream().filter(r -> r.body().contains("\"method\":\"" + method + "\"")).toList();
  }

  public void addTool(McpSchema.Tool tool) {
    mcp.addTool(McpServerFeatures.SyncToolSpecification.builder().tool(tool).callHandler((exchange, request) -> {
      calls.add(request);
      return handler.apply(request);
    }).build());
  }

  /** Removes a tool, with {@code notifications/tools/list_changed} to every session or silently. */
  public void removeTool(String name, boolean notify) {
    mcp.removeTool(name);
    if (notify) {
      mcp.notifyToolsListChanged();
    }
  }

  /** Every session seen so far is forgotten: its next request is answered 404. */
  public void expireSessions() {
    expired.addAll(sessionsSeen);
  }

  /** Every token presented so far is refused (401); fresh ones are accepted. */
  public void refuseTokensSeen() {
    refused.addAll(tokensSeen);
  }

  /** Every token is refused from now on. */
  public void refuseAllTokens() {
    refuseAll = true;
  }

  @Override
  public void close() throws Exception {
    mcp.closeGracefully();
    jetty.stop();
  }

  /** Records each request and answers the faults before the SDK sees it. */
  private final class Front implements Filter {
    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
        throws IOException, jakarta.servlet.ServletException {
      HttpServletRequest request = (HttpServletRequest) req;
      HttpServletResponse response = (HttpServletResponse) res;
      byte[] body = request.getInputStream().readAllBytes();
      String session = request.getHeader("Mcp-Session-Id");
      String authorization = request.getHeader("Authorization");
      int refusal = 0;
      if (refuseAll || authorization == null || refused.contains(authorization)) {
        refusal = 401;
      } else if (session != null && expired.contains(session)) {
        refusal = 404;
      }
      requests.add(new Request(request.getMethod(), session, authorization, new String(body, StandardCharsets.UTF_8),
          refusal));
      if (refusal == 401) {
        response.setStatus(401);
        response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        return;
      }
      if (refusal == 404) {
        response.setStatus(404);
        return;
      }
      tokensSeen.add(authorization);
      if (session != null) {
        sessionsSeen.add(session);
      }
      chain.doFilter(new Replayed(request, body), new SessionWatcher(response));
    }

    /** Notes the session id the SDK assigns on initialize. */
    private final class SessionWatcher extends jakarta.servlet.http.HttpServletResponseWrapper {
      SessionWatcher(HttpServletResponse response) {
        super(response);
      }

      @Override
      public void setHeader(String name, String value) {
        if ("mcp-session-id".equalsIgnoreCase(name)) {
          sessionsSeen.add(value);
        }
        super.setHeader(name, value);
      }

      @Override
      public void addHeader(String name, String value) {
        if ("mcp-session-id".equalsIgnoreCase(name)) {
          sessionsSeen.add(value);
        }
        super.addHeader(name, value);
      }
    }
  }

  /** The request with its body, which the filter has read, readable again. */
  private static final class Replayed extends HttpServletRequestWrapper {
    private final byte[] body;

    Replayed(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException();
        }

        @Override
        public int read() {
          return in.read();
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
    }
  }
}
