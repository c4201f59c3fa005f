package dev.crashtest.fakes.model.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.standalone.MappingsSource;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.stubbing.StubMappings;
import dev.crashtest.fakes.ServiceEventListener;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The embedded WireMock server behind {@code ModelEndpoint}: five stubs, each answered by a transformer (chat
 * completions, models, the fault admin API, the tool-rename admin API, and 404 for anything else).
 *
 * <p>Faults: the chat transformer applies the {@link FaultBook}'s faults per answer (status, body, delay,
 * dribble, a short body under a longer {@code Content-Length}). It also builds its answer on the stub's response
 * definition, so delays, chunked dribble and {@code Fault}s set on the stub with id {@link #CHAT_STUB_ID} (for
 * example by editing it with {@code WireMockServer.editStub}) still reach the client, and the event says so.
 *
 * <pre>{@code
 * ModelServer server = ModelServer.start(new ModelServer.Settings("127.0.0.1", 0, spec, Optional.empty(),
 *     List.of(listener), List.of("crashtest-procurement"), new FaultBook()));
 * }</pre>
 */
public final class ModelServer implements AutoCloseable {
  /** The id of the {@code POST /v1/chat/completions} stub. */
  public static final UUID CHAT_STUB_ID = UUID.fromString("6d6f6465-6c00-4000-8000-636861740001");

  private final WireMockServer wireMock;

  private ModelServer(WireMockServer wireMock) {
    this.wireMock = wireMock;
  }

  /**
   * What to start.
   *
   * @param host the address to bind
   * @param port 0 for any free port
   * @param script the script that answers chat completions
   * @param apiKey the bearer key clients must send, or empty to let everyone in
   * @param listeners called synchronously for every chat completion
   * @param modelIds listed by {@code GET /v1/models}
   * @param faults the faults chat completions go through, also served by the admin API
   */
  public record Settings(String host, int port, ScriptSpec script, Optional<String> apiKey,
      List<ServiceEventListener> listeners, List<String> modelIds, FaultBook faults) {}

  /** Starts the server; throws {@link IllegalStateException} naming the address if it cannot listen. */
  public static ModelServer start(Settings settings) {
    ApiKeyCheck apiKeys = new ApiKeyCheck(settings.apiKey());
    Clock clock = Clock.systemUTC();
    WireMockConfiguration config = WireMockConfiguration.options()
        .bindAddress(settings.host())
        .port(settings.port())
        .jettyAcceptors(1)
        .gzipDisabled(true)
        .disableRequestJournal()
        .mappingSource(new NoMappings())
        .notifier(new Slf4jNotifier(false))
        .extensions(
            new ChatCompletionTransformer(settings.script(), apiKeys,
                new EventPublisher(settings.listeners(), clock), new CompletionRenderer(clock), settings.faults()),
            new ModelsTransformer(settings.modelIds(), apiKeys),
            new FaultAdminTransformer(settings.faults()),
            new ToolRenameAdminTransformer(settings.faults().renames()),
            new InvalidUrlTransformer());
    WireMockServer wireMock = new WireMockServer(config);
    wireMock.stubFor(post(urlPathEqualTo("/v1/chat/completions")).withId(CHAT_STUB_ID).atPriority(1)
        .willReturn(aResponse().withTransformers(ChatCompletionTransformer.NAME)));
    wireMock.stubFor(get(urlPathEqualTo("/v1/models")).atPriority(1)
        .willReturn(aResponse().withTransformers(ModelsTransformer.NAME)));
    wireMock.stubFor(any(urlPathMatching(FaultAdminTransformer.PATH + "(/[^/]*)?")).atPriority(1)
        .willReturn(aResponse().withTransformers(FaultAdminTransformer.NAME)));
    wireMock.stubFor(any(urlPathMatching(ToolRenameAdminTransformer.PATH + "(/[^/]*)?")).atPriority(1)
        .willReturn(aResponse().withTransformers(ToolRenameAdminTransformer.NAME)));
    wireMock.stubFor(any(anyUrl()).atPriority(10)
        .willReturn(aResponse().withTransformers(InvalidUrlTransformer.NAME)));
    try {
      wireMock.start();
    } catch (RuntimeException e) {
      IllegalStateException failure = new IllegalStateException("model: cannot listen on [" + settings.host()
          + ":" + settings.port() + "]: " + rootCause(e).getMessage()
          + "; is the port taken? Use port 0 for any free port.", e);
      try {
        wireMock.stop();
      } catch (Exception stopFailure) { // Jetty throws a checked ExecutionException here, undeclared
        failure.addSuppressed(stopFailure);
      }
      throw failure;
    }
    return new ModelServer(wireMock);
  }

  private static Throwable rootCause(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }

  public int port() {
    return wireMock.port();
  }

  /** For tests that put a WireMock fault or delay on the chat stub itself. */
  WireMockServer wireMock() {
    return wireMock;
  }

  /** Stops WireMock and frees the port; calling it twice is harmless. */
  @Override
  public void close() {
    if (wireMock.isRunning()) {
      wireMock.stop();
    }
  }

  /** Keeps WireMock from loading stub files from the working directory. */
  private static final class NoMappings implements MappingsSource {
    @Override
    public void loadMappingsInto(StubMappings stubMappings) {}

    @Override
    public void save(List<StubMapping> stubMappings) {}

    @Override
    public void save(StubMapping stubMapping) {}

    @Override
    public void remove(StubMapping stubMapping) {}

    @Override
    public void removeAll() {}
  }
}
