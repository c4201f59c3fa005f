package dev.crashtest.fakes.mcp;

import dev.crashtest.fakes.FakeService;
import dev.crashtest.fakes.InjectedFault;
import dev.crashtest.fakes.ServiceEventListener;
import dev.crashtest.fakes.mcp.internal.McpRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A fake MCP server: a workload's tools over the Model Context Protocol (revision 2025-06-18, Streamable HTTP at
 * {@code /mcp}), each {@code tools/call} forwarded to the tool's service on behalf of the calling agent, with MCP's
 * authorization and the faults of MCP sessions. A real server on a real socket; embedded, or standalone with {@link
 * McpToolServerMain}.
 *
 * <pre>{@code
 * try (McpToolServer mcp = McpToolServer.builder()
 *     .withTools(List.of(createQuote, getAccount))          // McpTool: name, schema, service, HTTP call, scope
 *     .withService("crm", crm.baseUrl())                    // where each service's tools are forwarded
 *     .withIssuer(idp.issuer()).withJwksUri(idp.jwksUri()).withTokenEndpoint(idp.tokenEndpoint())
 *     .withClient("mcp-server", idp.registerClient("mcp-server"))
 *     .withEventListener(history::add)
 *     .start()) {
 *   URI url = mcp.mcpUrl();                                  // http://127.0.0.1:PORT/mcp: HARNESS_MCP_URL
 *   mcp.inject(McpFault.expireSessions());
 * }
 * }</pre>
 *
 * <h2>Built on the official Java SDK, hosted by Jetty 11</h2>
 *
 * <p>The protocol is the SDK's ({@code io.modelcontextprotocol.sdk:mcp-core} 2.2.0): {@code McpServer.sync(...)} on
 * its {@code HttpServletStreamableServerTransportProvider}, a jakarta servlet. The container is Jetty 11, the one
 * WireMock 3.13 already brings: the harness runs this server, the stub service (WireMock) and the other fakes in one
 * JVM, and two servlet APIs cannot share a class path (Jetty 12 and Tomcat 10.1/11 bring jakarta.servlet 6, Jetty 11
 * needs 5). The SDK's servlet calls only servlet 3-era methods (async context, headers, writer), checked against the
 * 2.2.0 bytecode, so it runs on servlet 5 unchanged.
 *
 * <p>What the SDK leaves to its host is a servlet filter in front of it: the bearer token (401 with {@code
 * WWW-Authenticate: Bearer resource_metadata="..."}; audience must be {@value #AUDIENCE}; another audience is token
 * passthrough, refused and flagged), RFC 9728 metadata at {@code /.well-known/oauth-protected-resource}, 404 for a
 * session the server forgot, the JSON-RPC error -32602 {@code unknown tool [x]}, dropped streams, the events, and the
 * fault API.
 *
 * <h2>Tools</h2>
 *
 * <p>Each {@link McpTool} is listed with its name, description and input schema. A call exchanges the agent's token
 * (RFC 8693, as client {@link Builder#withClient}, audience = the tool's service, scope = the tool's scope) and sends
 * the tool's HTTP request with it, and with {@code Idempotency-Key} = the request's {@code _meta.idempotencyKey} on a
 * write. 2xx: text = the service's JSON, {@code structuredContent} = that JSON if an object; 4xx: {@code isError:
 * true}, text {@code {"error": <body>}}; 5xx or no answer: JSON-RPC error -32603.
 *
 * <h2>Events and faults</h2>
 *
 * <p>See {@link McpEvents} and {@link McpFault}. Faults are also served over HTTP at {@code /__crashtest/faults} on
 * the server's port (and {@code /__admin/faults}), like every fake's.
 */
public final class McpToolServer implements FakeService, McpAdmin {
  /** The audience agents' tokens must have: the MCP server's resource name. */
  public static final String AUDIENCE = "mcp";

  /** The client id the server exchanges tokens as, unless told otherwise. */
  public static final String DEFAULT_CLIENT_ID = "mcp-server";

  private final McpRuntime runtime;
  private boolean closed;

  private McpToolServer(McpRuntime runtime) {
    this.runtime = runtime;
  }

  /** Starts describing a server; tools, services, the identity provider and the client secret are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** {@code http://127.0.0.1:PORT}, without a trailing slash. */
  @Override
  public URI baseUrl() {
    return runtime.baseUrl();
  }

  /** The MCP endpoint, {@code <baseUrl>/mcp}: what an agent gets as {@code HARNESS_MCP_URL} (or its proxy's). */
  public URI mcpUrl() {
    return URI.create(baseUrl() + "/mcp");
  }

  /** The RFC 9728 protected-resource metadata, {@code <baseUrl>/.well-known/oauth-protected-resource}. */
  public URI resourceMetadataUrl() {
    return URI.create(baseUrl() + "/.well-known/oauth-protected-resource");
  }

  /** The tools {@code tools/list} answers now: the configured ones as active faults reshape them. */
  public List<McpTool> tools() {
    return runtime.tools();
  }

  /**
   * The sessions that have a GET stream open now, sorted: those a {@code notifications/tools/list_changed} reaches. A
   * client opens its stream shortly after {@code initialize}; wait for it before changing tools, or the notice is
   * lost (as it would be in production).
   */
  public List<String> sessionsWithOpenStream() {
    return runtime.sessionsWithOpenStream();
  }

  /**
   * Starts applying {@code fault}; the handle heals it (a renamed tool gets its name back, with a new {@code
   * list_changed}). {@code expire_sessions} is done on return and its handle is used up.
   *
   * @throws IllegalArgumentException if the fault names a tool the server does not serve now
   */
  @Override
  public InjectedFault inject(McpFault fault) {
    return runtime.inject(Objects.requireNonNull(fault, "fault"));
  }

  /** The faults still active, oldest first. */
  public List<InjectedFault> activeFaults() {
    return runtime.activeFaults();
  }

  /** Heals every fault. */
  public void healAll() {
    runtime.healAll();
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      runtime.close();
    }
  }

  @Override
  public String toString() {
    return "McpToolServer[" + mcpUrl() + " " + tools().stream().map(McpTool::name).toList() + "]";
  }

  /**
   * Describes a server to start. {@code with*} of a single value replaces it; {@code withTool} and {@code
   * withService} add one each ({@code withTools} adds them all).
   */
  public static final class Builder {
    private final List<McpTool> tools = new ArrayList<>();
    private final Map<String, URI> services = new LinkedHashMap<>();
    private URI issuer;
    private URI jwksUri;
    private URI tokenEndpoint;
    private String clientId = DEFAULT_CLIENT_ID;
    private String clientSecret;
    private URI publicUrl;
    private ServiceEventListener listener = ServiceEventListener.NONE;
    private String host = "127.0.0.1";
    private int port;

    private Builder() {}

    /** Adds a tool; names must be unique. */
    public Builder withTool(McpTool tool) {
      tools.add(Objects.requireNonNull(tool, "tool"));
      return this;
    }

    /** Adds every tool of {@code tools}, in order. */
    public Builder withTools(List<McpTool> tools) {
      tools.forEach(this::withTool);
      return this;
    }

    /** Where the tools of {@code service} are sent, e.g. {@code ("crm", crm.baseUrl())}; no trailing slash. */
    public Builder withService(String service, URI baseUrl) {
      String url = Objects.requireNonNull(baseUrl, "baseUrl").toString();
      services.put(Objects.requireNonNull(service, "service"),
          URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url));
      return this;
    }

    /** The identity provider's issuer; an agent's token must carry it as {@code iss}. */
    public Builder withIssuer(URI issuer) {
      this.issuer = Objects.requireNonNull(issuer, "issuer");
      return this;
    }

    /** Where the provider's keys are (JWKS). */
    public Builder withJwksUri(URI jwksUri) {
      this.jwksUri = Objects.requireNonNull(jwksUri, "jwksUri");
      return this;
    }

    /** The provider's token endpoint, where the server exchanges agents' tokens for the services'. */
    public Builder withTokenEndpoint(URI tokenEndpoint) {
      this.tokenEndpoint = Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
      return this;
    }

    /** The client the server exchanges tokens as, and its secret; the id is {@value #DEFAULT_CLIENT_ID} usually. */
    public Builder withClient(String clientId, String secret) {
      this.clientId = Objects.requireNonNull(clientId, "clientId");
      this.clientSecret = Objects.requireNonNull(secret, "secret");
      return this;
    }

    /** As {@link #withClient(String, String)}, the secret read from a file (trimmed). */
    public Builder withClient(String clientId, Path secretFile) {
      try {
        return withClient(clientId, Files.readString(secretFile, StandardCharsets.UTF_8).trim());
      } catch (IOException e) {
        throw new UncheckedIOException("mcp: cannot read the secret of client [" + clientId + "] from ["
            + secretFile + "]", e);
      }
    }

    /**
     * Where clients reach the server when that is not its own socket (a fault proxy in front of it): the resource
     * the metadata and the 401 challenge name. {@code http://host:port}, no path.
     */
    public Builder withPublicUrl(URI publicUrl) {
      this.publicUrl = Objects.requireNonNull(publicUrl, "publicUrl");
      return this;
    }

    /** Receives every event, synchronously, on the thread that served the request. */
    public Builder withEventListener(ServiceEventListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** The address to bind; default {@code 127.0.0.1}. */
    public Builder withHost(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** The TCP port; 0 (the default) takes any free port. */
    public Builder withPort(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("mcp: port [" + port + "] is not a port number (0-65535)");
      }
      this.port = port;
      return this;
    }

    /** Checks the description, binds the port and starts serving. */
    public McpToolServer start() {
      check();
      return new McpToolServer(McpRuntime.start(new McpRuntime.Settings(host, port, publicUrl, issuer, jwksUri,
          tokenEndpoint, clientId, clientSecret, Collections.unmodifiableMap(new LinkedHashMap<>(services)),
          List.copyOf(tools), listener)));
    }

    private void check() {
      if (issuer == null || jwksUri == null || tokenEndpoint == null) {
        throw new IllegalStateException("mcp: the identity provider is not set ([issuer] " + issuer + ", [jwksUri] "
            + jwksUri + ", [tokenEndpoint] " + tokenEndpoint + "). For example: McpToolServer.builder()"
            + ".withIssuer(idp.issuer()).withJwksUri(idp.jwksUri()).withTokenEndpoint(idp.tokenEndpoint())");
      }
      if (clientSecret == null) {
        throw new IllegalStateException("mcp: no client secret; the server exchanges agents' tokens as its own"
            + " client. For example: .withClient(\"mcp-server\", idp.registerClient(\"mcp-server\"))");
      }
      List<String> names = new ArrayList<>();
      for (McpTool tool : tools) {
        if (!services.containsKey(tool.service())) {
          throw new IllegalArgumentException("mcp: tool [" + tool.name() + "] calls service [" + tool.service()
              + "], which is not declared; services: " + String.join(", ", services.keySet())
              + ". For example: .withService(\"" + tool.service() + "\", URI.create(\"http://127.0.0.1:41002\"))");
        }
        if (names.contains(tool.name())) {
          throw new IllegalArgumentException("mcp: tool [" + tool.name() + "] is declared twice");
        }
        names.add(tool.name());
      }
    }
  }
}
