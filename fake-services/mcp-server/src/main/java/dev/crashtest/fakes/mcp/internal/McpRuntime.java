package dev.crashtest.fakes.mcp.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crashtest.fakes.InjectedFault;
import dev.crashtest.fakes.ServiceEventListener;
import dev.crashtest.fakes.faults.CountedFault;
import dev.crashtest.fakes.mcp.McpEvents;
import dev.crashtest.fakes.mcp.McpFault;
import dev.crashtest.fakes.mcp.McpTool;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.DispatcherType;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;

/**
 * The running server: the SDK's {@link McpSyncServer} on its {@link HttpServletStreamableServerTransportProvider},
 * hosted by Jetty 11 (the container WireMock already brings into the harness's JVM: one servlet API, jakarta 5), with
 * the {@link Front} filter ahead of it.
 */
public final class McpRuntime implements AutoCloseable {
  /** What the public builder collected. */
  public record Settings(String host, int port, URI publicUrl, URI issuer, URI jwksUri, URI tokenEndpoint,
      String clientId, String clientSecret, Map<String, URI> services, List<McpTool> tools,
      ServiceEventListener listener) {}

  private final Server jetty;
  private final McpSyncServer mcp;
  private final FaultState faults;
  private final Sessions sessions = new Sessions();
  private final Events events;
  private final ToolCalls calls;
  private final Map<String, McpTool> served = new LinkedHashMap<>();
  private final JacksonMcpJsonMapper json = new JacksonMcpJsonMapper(new ObjectMapper());
  private final URI baseUrl;
  private volatile boolean started;

  private McpRuntime(Settings settings) throws Exception {
    faults = new FaultState(settings.tools());
    events = new Events(settings.listener());
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    calls = new ToolCalls(faults, sessions, new TokenExchanger(settings.tokenEndpoint(), settings.clientId(),
        settings.clientSecret(), http), new ServiceCall(settings.services(), http), events);
    HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
        .jsonMapper(json).mcpEndpoint(Front.MCP_PATH)
        .contextExtractor(request -> request.getAttribute(CallContext.KEY) == null ? McpTransportContext.EMPTY
            : McpTransportContext.create(Map.of(CallContext.KEY, request.getAttribute(CallContext.KEY))))
        .build();
    mcp = McpServer.sync(transport).jsonMapper(json).jsonSchemaValidator(new SchemaValidator())
        .serverInfo("crashtest-mcp-server", "1")
        .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build()).build();
    syncTools();
    jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost(settings.host());
    connector.setPort(settings.port());
    // A GET stream idles between notifications; Jetty's default 30 s would cut it under an agent's long task.
    connector.setIdleTimeout(Duration.ofMinutes(10).toMillis());
    jetty.addConnector(connector);
    connector.open();
    String host = "0.0.0.0".equals(settings.host()) ? "127.0.0.1" : settings.host();
    baseUrl = URI.create("http://" + host + ":" + connector.getLocalPort());
    URI publicBase = settings.publicUrl() == null ? baseUrl : settings.publicUrl();
    Front front = new Front(new Authorization(settings.issuer(), settings.jwksUri(), faults, events,
        URI.create(publicBase + ResourceMetadata.PATH)),
        sessions, faults, new FaultAdmin(this::inject, new AdminRuntime()), events,
        new ResourceMetadata(URI.create(publicBase + Front.MCP_PATH), settings.issuer(),
            settings.tools().stream().map(McpTool::scope).toList()));
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    ServletHolder servlet = new ServletHolder(transport);
    servlet.setAsyncSupported(true);
    context.addServlet(servlet, Front.MCP_PATH);
    FilterHolder filter = new FilterHolder(front);
    filter.setAsyncSupported(true);
    context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
    jetty.setHandler(context);
    jetty.start();
    started = true;
  }

  public static McpRuntime start(Settings settings) {
    try {
      return new McpRuntime(settings);
    } catch (Exception e) {
      throw new IllegalStateException("mcp: cannot listen on [" + settings.host() + ":" + settings.port() + "]: "
          + e.getMessage() + "; choose a free port, or withPort(0) for any free port", e);
    }
  }

  public URI baseUrl() {
    return baseUrl;
  }

  /** Starts applying {@code fault}; what it does at once (forget sessions, change tools) is done on return. */
  public InjectedFault inject(McpFault fault) {
    CountedFault<McpFault> counted = faults.register(fault);
    if (fault instanceof McpFault.ExpireSessions) {
      sessions.forgetAll();
    }
    syncTools();
    return new HealingFault(counted);
  }

  public List<InjectedFault> activeFaults() {
    return faults.active();
  }

  public void healAll() {
    faults.healAll();
    syncTools();
  }

  /** The sessions with an open GET stream now. */
  public List<String> sessionsWithOpenStream() {
    return sessions.withOpenStream();
  }

  /** The tools {@code tools/list} answers now. */
  public List<McpTool> tools() {
    return faults.currentTools();
  }

  /** Makes the SDK serve {@link FaultState#currentTools()}; every change sends {@code list_changed}. */
  private synchronized void syncTools() {
    List<McpTool> wanted = faults.currentTools();
    for (String name : List.copyOf(served.keySet())) {
      if (wanted.stream().noneMatch(t -> t.name().equals(name))) {
        served.remove(name);
        mcp.removeTool(name);
        notified();
      }
    }
    for (McpTool tool : wanted) {
      if (!tool.equals(served.get(tool.name()))) {
        boolean change = served.containsKey(tool.name()) || started;
        served.put(tool.name(), tool);
        mcp.addTool(McpServerFeatures.SyncToolSpecification.builder()
            .tool(McpSchema.Tool.builder().name(tool.name()).description(tool.description())
                .inputSchema(json, tool.inputSchemaJson()).build())
            .callHandler((exchange, request) -> calls.call(tool, exchange, request)).build());
        if (change) {
          notified();
        }
      }
    }
  }

  private void notified() {
    for (String session : sessions.withOpenStream()) {
      events.publish(null, McpEvents.NOTIFICATION, true, Events.details(McpEvents.SESSION_ID, session,
          McpEvents.METHOD, McpEvents.TOOLS_LIST_CHANGED));
    }
  }

  @Override
  public void close() {
    try {
      jetty.stop();
    } catch (Exception e) {
      System.err.println("mcp: stopping Jetty failed: " + e);
    }
    mcp.close();
  }

  /** An injected fault whose heal also puts the tool list back. */
  private final class HealingFault implements InjectedFault {
    private final CountedFault<McpFault> fault;

    HealingFault(CountedFault<McpFault> fault) {
      this.fault = fault;
    }

    @Override
    public String id() {
      return fault.id();
    }

    @Override
    public String description() {
      return fault.description();
    }

    @Override
    public boolean active() {
      return fault.active();
    }

    @Override
    public int hits() {
      return fault.hits();
    }

    @Override
    public void heal() {
      fault.heal();
      syncTools();
    }
  }

  private final class AdminRuntime implements FaultAdmin.Runtime {
    @Override
    public List<InjectedFault> active() {
      return faults.active();
    }

    @Override
    public boolean heal(String id) {
      boolean healed = faults.heal(id);
      syncTools();
      return healed;
    }

    @Override
    public void healAll() {
      McpRuntime.this.healAll();
    }
  }
}
