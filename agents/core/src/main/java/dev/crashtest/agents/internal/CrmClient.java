package dev.crashtest.agents.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Calls the CRM with a delegated token (contract, sections 3.1 and 5). A {@code 5xx} or a broken connection is
 * retried at most 5 times, with {@link RetryPolicy}'s backoff (about 8 s in all) and the same {@code
 * Idempotency-Key}; a {@code 401} makes it exchange a new token once and call again; a {@code 401} with the fresh
 * token, or a {@code 403}, fails the task (the agent lost the authority). Every other answer is returned as it is,
 * for the model to read.
 *
 * <pre>{@code
 * CrmClient crm = new CrmClient(HttpClient.newHttpClient(), URI.create(crmBaseUrl), Sleeper.SYSTEM);
 * CrmResponse quote = crm.post("/quotes", "{\"accountId\":\"ACME-001\",...}", "T-1/2/create_quote", tokens);
 * }</pre>
 */
public final class CrmClient {
  static final int MAX_RETRIES = 5;
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient http;
  private final String baseUrl;
  private final Sleeper sleeper;

  public CrmClient(HttpClient http, URI baseUrl, Sleeper sleeper) {
    this.http = http;
    this.baseUrl = baseUrl.toString().replaceAll("/+$", "");
    this.sleeper = sleeper;
  }

  public CrmResponse get(String path, TokenSource tokens)
      throws CrmFailedException, TokenExchangeException, InterruptedException {
    return call("GET", path, null, null, tokens);
  }

  public CrmResponse post(String path, String jsonBody, String idempotencyKey, TokenSource tokens)
      throws CrmFailedException, TokenExchangeException, InterruptedException {
    return call("POST", path, jsonBody, idempotencyKey, tokens);
  }

  private CrmResponse call(String method, String path, String body, String idempotencyKey, TokenSource tokens)
      throws CrmFailedException, TokenExchangeException, InterruptedException {
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
          throw new CrmFailedException("CRM refused [" + method + " " + path + "]: HTTP " + response.statusCode()
              + " " + response.body() + "; the agent no longer has the authority this task needs", null);
        }
        if (response.statusCode() < 500) {
          return new CrmResponse(response.statusCode(), response.body());
        }
        lastFailure = "HTTP " + response.statusCode();
      } catch (IOException e) {
        lastFailure = e.toString();
        cause = e;
      }
      if (++failures > MAX_RETRIES) {
        throw new CrmFailedException("CRM [" + method + " " + path + "] failed " + failures
            + " times; last: " + lastFailure, cause);
      }
      sleeper.sleep(RetryPolicy.delay(java.util.Optional.empty(), failures));
    }
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
