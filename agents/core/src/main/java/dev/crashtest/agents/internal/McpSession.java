package dev.crashtest.agents.internal;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.customizer.McpHttpClientTransportAuthorizationErrorHandler;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpTransportSessionNotFoundException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * One task's session with the MCP server, on the MCP Java SDK's client ({@link McpSyncClient} over
 * {@link HttpClientStreamableHttpTransport}). What the SDK does for us, and what we add:
 * <ul>
 *   <li>the bearer token is the task's delegated token for audience {@code mcp}, put on every request by a request
 *       customizer; on a {@code 401} the transport asks our authorization handler, which exchanges a fresh token and
 *       lets the transport replay the request once (the SDK's {@code maxRetries} is 1); a second {@code 401} reaches
 *       the caller as {@code McpHttpClientTransportAuthorizationException};</li>
 *   <li>a {@code 404} on a request with a session id reaches the caller as {@code McpTransportSessionNotFoundException};
 *       the SDK then drops the session and initializes a new one on the next request by itself;</li>
 *   <li>{@code notifications/tools/list_changed} makes the SDK list the tools by itself, but asynchronously, so the
 *       next call could still race ahead with the old list: the transport is wrapped ({@link Watching}) to see the
 *       notification as it arrives and mark the list {@linkplain #isStale() stale}, and {@link McpTools} lists again
 *       before the next call.</li>
 * </ul>
 *
 * <pre>{@code
 * McpSession session = McpSession.open(URI.create("http://127.0.0.1:41007/mcp"), Duration.ofSeconds(10), tokens);
 * List<McpSchema.Tool> tools = session.list();
 * McpSchema.CallToolResult result = session.call("place_order", Map.of("quote_id", "Q-1"), "T-1/4/place_order");
 * }</pre>
 */
final class McpSession implements AutoCloseable {
  /** The protocol revision of the contract (section 3.4). */
  static final String PROTOCOL_VERSION = "2025-06-18";
  /** The agent validates no tool output: the SDK's own validator would need a json-schema-validator we do not ship. */
  private static final JsonSchemaValidator ACCEPT_ALL =
      (schema, content) -> JsonSchemaValidator.ValidationResponse.asValid(null);

  private final AtomicReference<TokenSource> tokens;
  private final AtomicReference<String> bearer = new AtomicReference<>();
  private final AtomicBoolean stale = new AtomicBoolean(true);
  private final AtomicInteger sessionsLost = new AtomicInteger();
  private final McpSyncClient client;
  private volatile List<McpSchema.Tool> tools = List.of();

  private McpSession(URI url, Duration timeout, TokenSource tokenSource) {
    this.tokens = new AtomicReference<>(tokenSource);
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/mcp" : url.getRawPath();
    HttpClientStreamableHttpTransport http = HttpClientStreamableHttpTransport
        .builder(url.getScheme() + "://" + url.getRawAuthority())
        .endpoint(path)
        .supportedProtocolVersions(List.of(PROTOCOL_VERSION))
        .connectTimeout(Duration.ofSeconds(10))
        .httpRequestCustomizer((request, method, uri, body, context) ->
            request.setHeader("Authorization", "Bearer " + bearer.get()))
        .authorizationErrorHandler(McpHttpClientTransportAuthorizationErrorHandler.fromSync(
            (request, response, context) -> response.statusCode() == 401 && refreshed(tokens.get(), bearer)))
        .build();
    Watching watching = new Watching(http, () -> stale.set(true), () -> {
      stale.set(true);
      sessionsLost.incrementAndGet();
    });
    this.client = McpClient.sync(watching)
        .clientInfo(new McpSchema.Implementation("crashtest-agent", "0.1.0"))
        .requestTimeout(timeout)
        .initializationTimeout(timeout)
        .jsonSchemaValidator(ACCEPT_ALL)
        .build();
  }

  /**
   * A session on {@code url} (e.g. {@code http://127.0.0.1:41007/mcp}); nothing is sent before the first
   * {@link #list()}.
   *
   * @param timeout how long any request may go unanswered ({@code HARNESS_MCP_TOOL_TIMEOUT_MS})
   * @param tokenSource the task's token for audience {@code mcp}
   */
  static McpSession open(URI url, Duration timeout, TokenSource tokenSource) {
    return new McpSession(url, timeout, tokenSource);
  }

  private static boolean refreshed(TokenSource source, AtomicReference<String> bearer) {
    try {
      bearer.set(source.refresh());
      return true;
    } catch (TokenExchangeException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Uses {@code source} from now on: the task's tokens may be rebuilt (another step executor) for the same user. */
  void use(TokenSource source) {
    tokens.set(source);
  }

  /** Whether the server said the tools changed since the last {@link #list()}, or nothing was listed yet. */
  boolean isStale() {
    return stale.get();
  }

  /**
   * How many times the server answered {@code 404} for this session so far. The caller of the request that got the
   * {@code 404} may see another error (the SDK closes the old session, failing its pending requests with "MCP session
   * with server terminated"), so whether the session was lost is read here, not from the exception.
   */
  int sessionsLost() {
    return sessionsLost.get();
  }

  /** Marks the list stale: the server answered that a tool is unknown. */
  void markStale() {
    stale.set(true);
  }

  /** The tools last listed. */
  List<McpSchema.Tool> tools() {
    return tools;
  }

  /** The listed tool named {@code name}. */
  Optional<McpSchema.Tool> tool(String name) {
    return tools.stream().filter(tool -> tool.name().equals(name)).findFirst();
  }

  /** {@code tools/list} (all pages), initializing first when there is no session; the list becomes current. */
  List<McpSchema.Tool> list() throws TokenExchangeException, InterruptedException {
    authorize();
    stale.set(false);
    try {
      tools = List.copyOf(client.listTools().tools());
    } catch (RuntimeException e) {
      stale.set(true);
      throw e;
    }
    return tools;
  }

  /** {@code tools/call} with {@code _meta.idempotencyKey}. */
  McpSchema.CallToolResult call(String tool, Map<String, Object> arguments, String idempotencyKey)
      throws TokenExchangeException, InterruptedException {
    authorize();
    return client.callTool(new McpSchema.CallToolRequest(tool, arguments, Map.of("idempotencyKey", idempotencyKey)));
  }

  private void authorize() throws TokenExchangeException, InterruptedException {
    bearer.set(tokens.get().current());
  }

  @Override
  public void close() {
    client.closeGracefully();
  }

  /**
   * The SDK's transport, watching what arrives for {@code notifications/tools/list_changed}, and its errors for a
   * {@code 404} on the session ({@code McpTransportSessionNotFoundException}).
   */
  private record Watching(McpClientTransport delegate, Runnable onToolsChanged, Runnable onSessionLost)
      implements McpClientTransport {

    @Override
    public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
      return delegate.connect(message -> handler.apply(message.doOnNext(this::watch)));
    }

    private void watch(McpSchema.JSONRPCMessage message) {
      if (message instanceof McpSchema.JSONRPCNotification notification
          && McpSchema.METHOD_NOTIFICATION_TOOLS_LIST_CHANGED.equals(notification.method())) {
        onToolsChanged.run();
      }
    }

    @Override
    public void setExceptionHandler(Consumer<Throwable> handler) {
      delegate.setExceptionHandler(error -> {
        if (McpTools.cause(error, McpTransportSessionNotFoundException.class).isPresent()) {
          onSessionLost.run();
        }
        handler.accept(error);
      });
    }

    @Override
    public Mono<Void> closeGracefully() {
      return delegate.closeGracefully();
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
      return delegate.sendMessage(message);
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
      return delegate.unmarshalFrom(data, typeRef);
    }

    @Override
    public List<String> protocolVersions() {
      return delegate.protocolVersions();
    }
  }
}
