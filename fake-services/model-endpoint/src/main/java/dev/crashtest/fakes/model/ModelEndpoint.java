package dev.crashtest.fakes.model;

import dev.crashtest.fakes.FakeService;
import dev.crashtest.fakes.InjectedFault;
import dev.crashtest.fakes.ServiceEventListener;
import dev.crashtest.fakes.model.internal.FaultBook;
import dev.crashtest.fakes.model.internal.ModelServer;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A fake OpenAI-compatible model endpoint, scripted: {@code POST /v1/chat/completions} (tools, tool calls, plain
 * JSON or {@code stream: true}), {@code GET /v1/models}, errors in OpenAI's shape. For every chat completion it
 * publishes a {@code chat_completion} {@link dev.crashtest.fakes.ServiceEvent} synchronously, before the answer
 * is written, with details {@code turn}, {@code messages}, {@code toolCalls}, {@code stream}, {@code status},
 * {@code promptTokens}, {@code completionTokens}, {@code lastToolResult}, {@code rule}, {@code model} (and
 * {@code error} on a failed request; keys whose value is unknown are left out). {@link #faults()} makes it
 * misbehave at the HTTP level (429, 5xx, cut or slow streams, broken JSON, wrong tool arguments), also through
 * the admin API {@code /__crashtest/faults} on the same port.
 *
 * <pre>{@code
 * try (ModelEndpoint model = ModelEndpoint.builder()
 *     .withScript(Script.procurement())
 *     .withApiKey("test-key")
 *     .withEventListener(event -> history.add(event))
 *     .start()) {
 *   agentEnv.put("HARNESS_MODEL_BASE_URL", model.v1Url().toString());
 * }
 * }</pre>
 */
public final class ModelEndpoint implements FakeService, ModelAdmin {
  private final ModelServer server;
  private final URI baseUrl;
  private final Script script;
  private final ModelFaults faults;

  private ModelEndpoint(ModelServer server, String host, Script script, ModelFaults faults) {
    this.server = server;
    // A wildcard bind (--host 0.0.0.0 in a container) is still called on 127.0.0.1, as FakeService promises.
    String urlHost = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
    this.baseUrl = URI.create("http://" + urlHost + ":" + server.port());
    this.script = script;
    this.faults = faults;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** {@code http://127.0.0.1:PORT}, without a trailing slash. */
  @Override
  public URI baseUrl() {
    return baseUrl;
  }

  /** {@code http://127.0.0.1:PORT/v1}: what OpenAI clients take as their base URL. */
  public URI v1Url() {
    return URI.create(baseUrl + "/v1");
  }

  public Script script() {
    return script;
  }

  /**
   * The HTTP-level faults of this endpoint.
   *
   * <pre>{@code
   * InjectedFault fault = model.faults().inject(ModelFault.rateLimited(Duration.ofSeconds(2)).forRequests(3));
   * }</pre>
   */
  public ModelFaults faults() {
    return faults;
  }

  /** {@code faults().inject(fault)}: the same as over HTTP at {@code /__crashtest/faults}. */
  @Override
  public InjectedFault inject(ModelFault fault) {
    return faults.inject(fault);
  }

  /**
   * From now on the model calls tool {@code from} by the name {@code to} whenever a request offers {@code to} and
   * not {@code from}, and reads {@code to}'s results as {@code from}'s: a model that read a changed tool list (an MCP
   * server renamed a tool). An agent still offering {@code from} gets calls of {@code from}. Healing forgets it. The
   * same as over HTTP at {@code /__crashtest/tool-renames}.
   *
   * <pre>{@code
   * InjectedFault rename = model.renameTool("place_order", "submit_order");
   * }</pre>
   */
  @Override
  public InjectedFault renameTool(String from, String to) {
    return faults.book().renames().add(from, to);
  }

  @Override
  public void close() {
    server.close();
  }

  @Override
  public String toString() {
    return "model endpoint at " + baseUrl + " running " + script;
  }

  /** Settings of a {@link ModelEndpoint}; every one has a default, so {@code builder().start()} works. */
  public static final class Builder {
    private Script script;
    private String apiKey;
    private final List<ServiceEventListener> listeners = new ArrayList<>();
    private String host = "127.0.0.1";
    private int port;
    private final List<String> modelIds = new ArrayList<>();

    private Builder() {}

    /** The script that answers; default {@link Script#procurement()}. */
    public Builder withScript(Script script) {
      this.script = Objects.requireNonNull(script, "script");
      return this;
    }

    /** The key clients must send as {@code Authorization: Bearer <key>}; default: no key needed. */
    public Builder withApiKey(String apiKey) {
      this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
      return this;
    }

    /** Makes {@code listener} the only listener. */
    public Builder withEventListener(ServiceEventListener listener) {
      listeners.clear();
      return addEventListener(listener);
    }

    /** Adds a listener; listeners are called in the order they were added. */
    public Builder addEventListener(ServiceEventListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /** The TCP port; default 0, any free port. */
    public Builder withPort(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("model: port [" + port + "] is not a port number (0-65535)");
      }
      this.port = port;
      return this;
    }

    /**
     * The address to bind and to put in {@link #baseUrl()} ({@code 127.0.0.1} for a wildcard such as {@code
     * 0.0.0.0}); default {@code 127.0.0.1}.
     */
    public Builder withHost(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** The ids {@code GET /v1/models} lists; default {@code crashtest-<script name>}. Any id is accepted. */
    public Builder withModelIds(String... ids) {
      modelIds.clear();
      modelIds.addAll(List.of(ids));
      return this;
    }

    /** Starts the server; throws {@link IllegalStateException} if it cannot listen. */
    public ModelEndpoint start() {
      Script chosen = script == null ? Script.procurement() : script;
      List<String> ids = modelIds.isEmpty() ? List.of("crashtest-" + chosen.name()) : modelIds;
      FaultBook faults = new FaultBook();
      ModelServer server = ModelServer.start(new ModelServer.Settings(
          host, port, chosen.spec(), Optional.ofNullable(apiKey), listeners, ids, faults));
      return new ModelEndpoint(server, host, chosen, new ModelFaults(faults));
    }
  }
}
