package dev.crashtest.agents.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Calls one workload service with a delegated token (contract, sections 3.3 and 5). A {@code 5xx} or a broken
 * connection is retried at most 5 times, with {@link RetryPolicy}'s backoff (about 8 s in all) and the same {@code
 * Idempotency-Key}; a {@code 401} makes it exchange a new token once and call again; a {@code 401} with the fresh
 * token, or a {@code 403}, fails the task (the agent lost the authority). Every other answer is returned as it is,
 * for the model to read.
 *
 * <pre>{@code
 * ServiceClient refunds = ServiceClient.of("refunds", HttpClient.newHttpClient(), URI.create(url), Sleeper.SYSTEM);
 * ServiceResponse refund = refunds.call("POST", "/refunds", "{\"orderId\":\"ORD-1\"}", "T-1/2/create_refund", tokens);
 * }</pre>
 */
public sealed class ServiceClient permits CrmClient {
  static final int MAX_RETRIES = 5;
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient http;
  private final String baseUrl;
  private final String label;
  private final Sleeper sleeper;

  ServiceClient(HttpClient http, URI baseUrl, String label, Sleeper sleeper) {
    this.http = http;
    this.baseUrl = baseUrl.toString().replaceAll("/+$", "");
    this.label = label;
    this.sleeper = sleeper;
  }

  /**
   * The client of service {@code name}. The service {@code crm} gets a {@link CrmClient}, so procurement's task
   * errors read as they always have ("CRM refused [...]").
   */
  public static ServiceClient of(String name, HttpClient http, URI baseUrl, Sleeper sleeper) {
    return "crm".equals(name) ? new CrmClient(http, baseUrl, sleeper)
        : new ServiceClient(http, baseUrl, "service [" + name + "]", sleeper);
  }

  /**
   * Makes the call and returns any answer below 500 other than 401 and 403.
   *
   * @param body the JSON body, or {@code null} for none
   * @param idempotencyKey the {@code Idempotency-Key}, or {@code null} for none (reads)
   */
  public ServiceResponse call(String method, String path, String body, String idempotencyKey, TokenSource tokens)
      throws ServiceFailedException, TokenExchangeException, InterruptedException {
    String token = tokens.current();
    boolean refreshed = false;
    int failures = 0;
    while (true) {
      String lastFailure;
      Exception cause = null;
      try {
        HttpResponse<String> response = http.send(request(method, path, body, idempotencyKey, token),
            HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 401 && !refreshed) {
          refreshed = true;
          token = tokens.refresh();
          continue;
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
          throw failed(label + " refused [" + method + " " + path + "]: HTTP " + response.statusCode()
              + " " + response.body() + "; the agent no longer has the authority this task needs", null);
        }
        if (response.statusCode() < 500) {
          return new ServiceResponse(response.statusCode(), response.body());
        }
        lastFailure = "HTTP " + response.statusCode();
      } catch (IOException e) {
        lastFailure = e.toString();
        cause = e;
      }
      if (++failures > MAX_RETRIES) {
        throw failed(label + " [" + method + " " + path + "] failed " + failures + " times; last: " + lastFailure,
            cause);
      }
      sleeper.sleep(RetryPolicy.delay(Optional.empty(), failures));
    }
  }

  /** The exception that fails the task; the CRM's is a {@link CrmFailedException}. */
  ServiceFailedException failed(String message, Throwable cause) {
    return new ServiceFailedException(message, cause);
  }

  private HttpRequest request(String method, String path, String body, String idempotencyKey, String token) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(TIMEOUT)
        .header("Authorization", "Bearer " + token)
        .header("Accept", "application/json");
    if (idempotencyKey != null) {
      builder.header("Idempotency-Key", idempotencyKey);
    }
    if (body == null) {
      return builder.method(method, HttpRequest.BodyPublishers.noBody()).build();
    }
    return builder.header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(body))
        .build();
  }
}
