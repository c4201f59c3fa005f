package dev.crashtest.fakes.stub.internal;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.direct.DirectCallHttpServer;
import com.github.tomakehurst.wiremock.direct.DirectCallHttpServerFactory;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestWrapper;
import com.github.tomakehurst.wiremock.http.Cookie;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.ImmutableRequest;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.standalone.MappingsSource;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.stubbing.StubMappings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One service's stubs: an in-process WireMock (no socket of its own, {@link DirectCallHttpServer}) holding the
 * mappings of its stubs directory, with response templating on every stub ({@code {{randomValue ...}}}, {@code
 * {{jsonPath request.body '$.orderId'}}}) as WireMock's {@code --global-response-templating} does.
 *
 * <pre>{@code
 * ServiceStubs refunds = ServiceStubs.load("refunds", Path.of("stubs/refunds"));
 * StubAnswer answer = refunds.answer("POST", "/refunds", "", headers, body);
 * }</pre>
 */
final class ServiceStubs implements AutoCloseable {
  /** Headers the front server writes itself. */
  private static final Set<String> HOP_BY_HOP = Set.of("content-length", "transfer-encoding", "connection",
      "keep-alive", "date");

  private final String service;
  private final Path directory;
  private final WireMockServer wireMock;
  private final DirectCallHttpServer direct;

  private ServiceStubs(String service, Path directory, WireMockServer wireMock, DirectCallHttpServer direct) {
    this.service = service;
    this.directory = directory;
    this.wireMock = wireMock;
    this.direct = direct;
  }

  /** Loads and checks every stub file first ({@link dev.crashtest.fakes.stub.InvalidStubException}), then starts. */
  static ServiceStubs load(String service, Path directory) {
    List<StubMapping> mappings = StubLoader.load(service, directory);
    DirectCallHttpServerFactory factory = new DirectCallHttpServerFactory();
    WireMockConfiguration options = WireMockConfiguration.options()
        .httpServerFactory(factory)
        .usingFilesUnderDirectory(directory.toString())
        .mappingSource(new NoMappings())
        .globalTemplating(true)
        .disableRequestJournal()
        .notifier(new Slf4jNotifier(false));
    WireMockServer wireMock = new WireMockServer(options);
    wireMock.start();
    mappings.forEach(wireMock::addStubMapping);
    return new ServiceStubs(service, directory, wireMock, factory.getHttpServer());
  }

  /**
   * The stubs' answer to a request the service sees ({@code path} without the service's prefix), or a 404 {@code
   * no_stub} answer when no mapping matches.
   */
  StubAnswer answer(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
    String url = "http://127.0.0.1" + path + (query == null || query.isEmpty() ? "" : "?" + query);
    List<HttpHeader> wireHeaders = new ArrayList<>();
    headers.forEach((name, values) -> wireHeaders.add(new HttpHeader(name, values)));
    ImmutableRequest request = ImmutableRequest.create()
        .withAbsoluteUrl(url)
        .withMethod(RequestMethod.fromString(method.toUpperCase(Locale.ROOT)))
        .withProtocol("HTTP/1.1")
        .withClientIp("127.0.0.1")
        .withHeaders(new HttpHeaders(wireHeaders))
        .withBody(body)
        .build();
    com.github.tomakehurst.wiremock.http.Response response = direct.stubRequest(new WithCookies(request));
    if (!response.wasConfigured()) {
      return StubAnswer.error(404, "no_stub", "service [" + service + "] has no stub for [" + method + " " + path
          + "]; add a WireMock mapping for it to [" + directory + "]");
    }
    if (response.getFault() != null) {
      return StubAnswer.dropped(response.getFault().name());
    }
    Map<String, String> answerHeaders = new LinkedHashMap<>();
    for (HttpHeader header : response.getHeaders().all()) {
      if (!HOP_BY_HOP.contains(header.key().toLowerCase(Locale.ROOT))) {
        answerHeaders.put(header.key(), header.firstValue());
      }
    }
    return new StubAnswer(response.getStatus(), answerHeaders, response.getBody(), false, null);
  }

  @Override
  public void close() {
    if (wireMock.isRunning()) {
      wireMock.stop();
    }
  }

  /**
   * {@link ImmutableRequest} has no cookies (null), which response templating cannot take: the {@code Cookie}
   * header's, parsed.
   */
  private static final class WithCookies extends RequestWrapper {
    private final Map<String, Cookie> cookies = new LinkedHashMap<>();

    WithCookies(ImmutableRequest request) {
      super(request);
      String header = request.getHeader("Cookie");
      if (header != null) {
        for (String pair : header.split(";")) {
          int equals = pair.indexOf('=');
          if (equals > 0) {
            cookies.put(pair.substring(0, equals).trim(), new Cookie(pair.substring(equals + 1).trim()));
          }
        }
      }
    }

    @Override
    public Map<String, Cookie> getCookies() {
      return cookies;
    }
  }

  /** Keeps WireMock from loading or saving files on its own: {@link StubLoader} reads them, and names a bad one. */
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
