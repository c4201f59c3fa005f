package dev.crashtest.fakes.identity.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A token request's form parameters and the client credentials it carries (HTTP Basic or form fields). */
record TokenRequestForm(Map<String, String> parameters, Optional<Credentials> credentials) {

  /** A client id and secret as sent; {@code basic} says whether they came in an Authorization header. */
  record Credentials(String clientId, String secret, boolean basic) {}

  static TokenRequestForm parse(String body, String authorization) {
    Map<String, String> parameters = parseForm(body);
    Optional<Credentials> credentials = basic(authorization);
    if (credentials.isEmpty() && parameters.containsKey("client_id") && parameters.containsKey("client_secret")) {
      credentials = Optional.of(new Credentials(parameters.get("client_id"), parameters.get("client_secret"), false));
    }
    return new TokenRequestForm(parameters, credentials);
  }

  String get(String name) {
    return parameters.get(name);
  }

  /** The parameter's value, or {@code invalid_request} naming it. */
  String require(String name, String example) {
    String value = parameters.get(name);
    if (value == null || value.isBlank()) {
      throw OAuthError.invalidRequest("missing parameter [" + name + "], e.g. " + name + "=" + example);
    }
    return value;
  }

  /** Form-decodes, or returns the raw text when it is not valid form encoding. */
  static String formDecode(String raw) {
    try {
      return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return raw;
    }
  }

  private static Map<String, String> parseForm(String body) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (body == null || body.isEmpty()) {
      return parameters;
    }
    for (String pair : body.split("&")) {
      int equals = pair.indexOf('=');
      String name = formDecode(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : formDecode(pair.substring(equals + 1));
      parameters.putIfAbsent(name, value);
    }
    return parameters;
  }

  private static Optional<Credentials> basic(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw OAuthError.invalidClient("the Authorization header is not valid Base64; send Basic base64(id:secret)");
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      throw OAuthError.invalidClient("the Authorization header has no ':'; send Basic base64(id:secret)");
    }
    return Optional.of(new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1), true));
  }
}
