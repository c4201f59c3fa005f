package dev.crashtest.fakes.identity.internal;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.util.LinkedHashMap;
import java.util.Map;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import okhttp3.Headers;

/** JSON answers of our endpoints. */
final class Responses {
  private Responses() {}

  static OAuth2HttpResponse json(int status, Map<String, ?> body) {
    return json(status, body, Headers.of());
  }

  /** {@code {"access_token", "token_type", "expires_in", "scope"[, "issued_token_type"]}}, never cached. */
  static OAuth2HttpResponse token(MintedToken token, String issuedTokenType) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("access_token", token.serialize());
    body.put("token_type", "Bearer");
    body.put("expires_in", token.lifetimeSeconds());
    body.put("scope", token.scope());
    if (issuedTokenType != null) {
      body.put("issued_token_type", issuedTokenType);
    }
    return json(200, body, Headers.of("Cache-Control", "no-store", "Pragma", "no-cache"));
  }

  /** {@code {"error", "error_description"}}; a 401 also says how to authenticate. */
  static OAuth2HttpResponse error(OAuthError error) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error.error());
    body.put("error_description", error.description());
    Headers headers =
        error.status() == 401
            ? Headers.of("WWW-Authenticate", "Basic realm=\"crashtest\"", "Cache-Control", "no-store")
            : Headers.of("Cache-Control", "no-store");
    return json(error.status(), body, headers);
  }

  private static OAuth2HttpResponse json(int status, Map<String, ?> body, Headers extra) {
    Headers headers =
        extra.newBuilder().set("Content-Type", "application/json;charset=UTF-8").build();
    return new OAuth2HttpResponse(headers, status, JSONObjectUtils.toJSONString(body), null);
  }
}
