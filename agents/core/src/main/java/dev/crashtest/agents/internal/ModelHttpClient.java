package dev.crashtest.agents.internal;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP client LangChain4j's OpenAI models use here: plain {@code java.net.http}, plus the contract's retry
 * policy ({@link RetryPolicy}) for both plain and streaming calls. LangChain4j's own HTTP client hides the
 * {@code Retry-After} header, so the retries live here and the models are built with {@code maxRetries(0)}.
 *
 * <pre>{@code
 * OpenAiChatModel.builder().httpClientBuilder(ModelHttpClient.builder(Sleeper.SYSTEM)).maxRetries(0)...
 * }</pre>
 */
public final class ModelHttpClient implements HttpClient {
  private static final Logger LOG = LoggerFactory.getLogger(ModelHttpClient.class);

  private final java.net.http.HttpClient http;
  private final Duration readTimeout;
  private final Sleeper sleeper;

  ModelHttpClient(java.net.http.HttpClient http, Duration readTimeout, Sleeper sleeper) {
    this.http = http;
    this.readTimeout = readTimeout;
    this.sleeper = sleeper;
  }

  /** A builder LangChain4j's model builders accept. */
  public static HttpClientBuilder builder(Sleeper sleeper) {
    return new Builder(sleeper);
  }

  @Override
  public SuccessfulHttpResponse execute(HttpRequest request) {
    Answer answer = sendWithRetries(request, false);
    return success(answer.response(), answer.body());
  }

  /**
   * Streams are read to their end before LangChain4j parses them: a stream cut short is then retried like any
   * broken answer, instead of handing the listener half an answer it cannot take back.
   */
  @Override
  public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
    Answer answer;
    try {
      answer = sendWithRetries(request, true);
    } catch (RuntimeException e) {
      listener.onError(e);
      return;
    }
    try (InputStream body = new ByteArrayInputStream(answer.body())) {
      quietly(() -> listener.onOpen(success(answer.response(), new byte[0])));
      parser.parse(body, listener);
      quietly(listener::onClose);
    } catch (IOException | RuntimeException e) {
      quietly(() -> listener.onError(e));
    }
  }

  /** A successful answer read whole. */
  private record Answer(HttpResponse<InputStream> response, byte[] body) {}

  private Answer sendWithRetries(HttpRequest request, boolean stream) {
    int retries = 0;
    while (true) {
      RuntimeException failure;
      java.util.Optional<String> retryAfter = java.util.Optional.empty();
      try {
        HttpResponse<InputStream> response = http.send(toJdk(request), HttpResponse.BodyHandlers.ofInputStream());
        int status = response.statusCode();
        byte[] body = readBody(response);
        if (status >= 200 && status < 300) {
          if (!stream || endsWithDone(body)) {
            return new Answer(response, body);
          }
          failure = new UncheckedIOException(new IOException("the model's stream ended without [DONE]"));
        } else {
          failure = new HttpException(status, new String(body, StandardCharsets.UTF_8));
          if (!RetryPolicy.isRetryable(status)) {
            throw failure;
          }
          retryAfter = response.headers().firstValue("Retry-After");
        }
      } catch (UncheckedIOException e) {
        failure = new UncheckedIOException("the model's answer broke off: " + e.getCause(), e.getCause());
      } catch (IOException e) {
        failure = new UncheckedIOException("model endpoint [" + request.url() + "] unreachable: " + e, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while calling the model", e);
      }
      if (++retries > RetryPolicy.MAX_RETRIES) {
        throw failure;
      }
      Duration wait = RetryPolicy.delay(retryAfter, retries);
      LOG.info("model call failed ({}), retry {}/{} in {} ms", summary(failure), retries, RetryPolicy.MAX_RETRIES,
          wait.toMillis());
      pause(wait);
    }
  }

  private static boolean endsWithDone(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8).strip();
    return text.endsWith("data: [DONE]") || text.endsWith("data:[DONE]");
  }

  private void pause(Duration wait) {
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting to retry the model", e);
    }
  }

  private java.net.http.HttpRequest toJdk(HttpRequest request) {
    java.net.http.HttpRequest.Builder builder = java.net.http.HttpRequest.newBuilder(URI.create(request.url()))
        .timeout(readTimeout);
    request.headers().forEach((name, values) -> values.forEach(value -> builder.header(name, value)));
    java.net.http.HttpRequest.BodyPublisher body = request.body() == null
        ? java.net.http.HttpRequest.BodyPublishers.noBody()
        : java.net.http.HttpRequest.BodyPublishers.ofString(request.body());
    return builder.method(request.method().name(), body).build();
  }

  private static SuccessfulHttpResponse success(HttpResponse<?> response, byte[] body) {
    return SuccessfulHttpResponse.builder()
        .statusCode(response.statusCode())
        .headers(response.headers().map())
        .body(body)
        .build();
  }

  private static byte[] readBody(HttpResponse<InputStream> response) {
    try (InputStream in = response.body()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the model's answer: " + e, e);
    }
  }

  private static String summary(RuntimeException failure) {
    return failure instanceof HttpException http ? "HTTP " + http.statusCode() : failure.getMessage();
  }

  private static void quietly(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException ignored) {
      // A listener's own failure must not mask the stream's outcome; LangChain4j's clients do the same.
    }
  }

  private static final class Builder implements HttpClientBuilder {
    private final Sleeper sleeper;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(60);

    Builder(Sleeper sleeper) {
      this.sleeper = sleeper;
    }

    @Override
    public Duration connectTimeout() {
      return connectTimeout;
    }

    @Override
    public HttpClientBuilder connectTimeout(Duration timeout) {
      if (timeout != null) {
        connectTimeout = timeout;
      }
      return this;
    }

    @Override
    public Duration readTimeout() {
      return readTimeout;
    }

    @Override
    public HttpClientBuilder readTimeout(Duration timeout) {
      if (timeout != null) {
        readTimeout = timeout;
      }
      return this;
    }

    @Override
    public HttpClient build() {
      java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
          .version(java.net.http.HttpClient.Version.HTTP_1_1)
          .connectTimeout(connectTimeout)
          .build();
      return new ModelHttpClient(http, readTimeout, sleeper);
    }
  }
}
