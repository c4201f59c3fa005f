package dev.crashtest.fakes.model.internal;

import com.github.tomakehurst.wiremock.http.Request;
import java.util.Optional;

/** Checks {@code Authorization: Bearer <key>} when an API key is configured; without one, everyone is let in. */
final class ApiKeyCheck {
  private final Optional<String> apiKey;

  ApiKeyCheck(Optional<String> apiKey) {
    this.apiKey = apiKey;
  }

  /** Throws a 401 {@link OpenAiError} unless the request carries the configured key. */
  void check(Request request) {
    if (apiKey.isEmpty()) {
      return;
    }
    String header = request.getHeader("Authorization");
    if (header == null || header.isBlank()) {
      throw OpenAiError.invalidApiKey("You didn't provide an API key. You need to provide your API key in an "
          + "Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).");
    }
    String presented = header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : "";
    if (!presented.equals(apiKey.get())) {
      throw OpenAiError.invalidApiKey("Incorrect API key provided: " + mask(presented)
          + ". The crashtest model endpoint expects the key it was started with (HARNESS_MODEL_API_KEY).");
    }
  }

  private static String mask(String key) {
    return key.length() <= 4 ? "****" : key.substring(0, 2) + "****" + key.substring(key.length() - 2);
  }
}
