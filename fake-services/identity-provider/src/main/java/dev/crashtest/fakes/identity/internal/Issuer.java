package dev.crashtest.fakes.identity.internal;

import java.net.URI;
import java.util.Objects;

/**
 * The issuer this identity provider speaks for: its id (the first path segment of every endpoint) and, once the
 * server listens, its URL. The URL always names one host, so the {@code iss} of every token stays the same
 * whatever host name a client used.
 */
public final class Issuer {
  private final String id;
  private final String host;
  private volatile URI url;

  public Issuer(String id, String host) {
    this.id = Objects.requireNonNull(id, "id");
    this.host = Objects.requireNonNull(host, "host");
  }

  /** Fixes the URL once the server has a port; requests cannot arrive before this. */
  public void listeningOn(int port) {
    url = URI.create("http://" + host + ":" + port + "/" + id);
  }

  public String id() {
    return id;
  }

  /** {@code http://127.0.0.1:PORT/crashtest}. */
  public URI url() {
    URI current = url;
    if (current == null) {
      throw new IllegalStateException("identity: issuer [" + id + "] has no URL before the server listens");
    }
    return current;
  }

  /** The same URL as {@link #url()}, as the string that {@code iss} claims carry. */
  public String value() {
    return url().toString();
  }

  public String tokenPath() {
    return "/" + id + "/token";
  }

  public String jwksPath() {
    return "/" + id + "/jwks";
  }
}
