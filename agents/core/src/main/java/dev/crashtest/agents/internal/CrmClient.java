package dev.crashtest.agents.internal;

import java.net.URI;
import java.net.http.HttpClient;

/**
 * The procurement CRM's {@link ServiceClient}: the same retries and token rules, its failures named "CRM" and
 * thrown as {@link CrmFailedException}.
 *
 * <pre>{@code
 * CrmClient crm = new CrmClient(HttpClient.newHttpClient(), URI.create(crmBaseUrl), Sleeper.SYSTEM);
 * ServiceResponse quote = crm.post("/quotes", "{\"accountId\":\"ACME-001\",...}", "T-1/2/create_quote", tokens);
 * }</pre>
 */
public final class CrmClient extends ServiceClient {

  public CrmClient(HttpClient http, URI baseUrl, Sleeper sleeper) {
    super(http, baseUrl, "CRM", sleeper);
  }

  public ServiceResponse get(String path, TokenSource tokens)
      throws ServiceFailedException, TokenExchangeException, InterruptedException {
    return call("GET", path, null, null, tokens);
  }

  public ServiceResponse post(String path, String jsonBody, String idempotencyKey, TokenSource tokens)
      throws ServiceFailedException, TokenExchangeException, InterruptedException {
    return call("POST", path, jsonBody, idempotencyKey, tokens);
  }

  @Override
  CrmFailedException failed(String message, Throwable cause) {
    return new CrmFailedException(message, cause);
  }
}
