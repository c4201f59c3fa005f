package dev.crashtest.fakes.identity;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** What an agent does on the wire: plain {@link HttpClient} calls to the identity provider. */
final class TokenClient {
  private final HttpClient http = HttpClient.newHttpClient();
  private final URI tokenEndpoint;

  TokenClient(URI tokenEndpoint) {
    this.tokenEndpoint = tokenEndpoint;
  }

  /** A status and a JSON object body. */
  record Answer(int status, Map<String, Object> json, HttpResponse<String> raw) {
    String string(String name) {
      return (String) json.get(name);
    }
  }

  Answer get(URI uri) {
    return send(HttpRequest.newBuilder(uri).GET().build());
  }

  Answer clientCredentials(String clientId, String secret, String scope) {
    return post(basic(clientId, secret), Map.of("grant_type", "client_credentials", "scope", scope));
  }

  /** Exactly the request of section 4 of the agent contract. */
  Answer exchange(String clientId, String secret, String subjectToken) {
    return post(basic(clientId, secret), exchangeForm(subjectToken, "crm.read crm.write"));
  }

  static Map<String, String> exchangeForm(String subjectToken, String scope) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange");
    form.put("subject_token", subjectToken);
    form.put("subject_token_type", "urn:ietf:params:oauth:token-type:jwt");
    form.put("audience", "crm");
    form.put("scope", scope);
    return form;
  }

  /** POSTs the form; {@code authorization} may be null for no Authorization header. */
  Answer post(String authorization, Map<String, String> form) {
    return post(tokenEndpoint, authorization, form);
  }

  Answer post(URI uri, String authorization, Map<String, String> form) {
    String body =
        form.entrySet().stream()
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&"));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return send(request.build());
  }

  static String basic(String clientId, String secret) {
    String pair = clientId + ":" + secret;
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  private Answer send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), JSONObjectUtils.parse(response.body()), response);
    } catch (IOException | ParseException e) {
      throw new AssertionError("request to [" + request.uri() + "] failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while calling [" + request.uri() + "]", e);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
