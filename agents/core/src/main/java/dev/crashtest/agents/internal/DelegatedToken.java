package dev.crashtest.agents.internal;

import java.time.Instant;
import java.util.Objects;

/**
 * A delegated access token from a token exchange. {@link #toString()} never shows the token itself.
 *
 * <pre>{@code
 * DelegatedToken token = new DelegatedToken(jwt, Instant.now().plusSeconds(300));
 * }</pre>
 *
 * @param accessToken the JWT to send to the CRM as {@code Authorization: Bearer}
 * @param expiresAt when the identity provider said it expires
 */
public record DelegatedToken(String accessToken, Instant expiresAt) {

  public DelegatedToken {
    Objects.requireNonNull(accessToken, "accessToken");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  @Override
  public String toString() {
    return "DelegatedToken[accessToken=<redacted>, expiresAt=" + expiresAt + "]";
  }
}
