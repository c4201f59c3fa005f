package dev.crashtest.fakes.identity.internal;

import java.net.URI;
import java.util.Objects;

/**
 * The issuer this identity provider speaks for: its id (the first path segment of every endpoint) and, once the
 * server listens, its URL. The URL always names one host, so the {@code iss} of every token stays the same
 * whatever host name a client used: the public URL if one is given (a proxy in front of the server), else the
 * bound host and port.
 */
public final class Issuer {
  private final String id;
  private final String host;
  private final URI publicUrl;
  private volatile URI url;

  public Issuer(String id, String host) {
    this(id, host, null);
  }

  /** {@code publicUrl}, if not null, is where clients reach the server, e.g. {@code http://127.0.0.1:41003}. */
  public Issuer(String id, String host, URI publicUrl) {
    this.id = Objects.requireNonNull(id, "id");
    this.host = Objects.requireNonNull(host, "host");
    this.publicUrl = publicUrl;
  }

  /** Fixes the URL once the server has a port; requests cannot arrive before this. */
  public void listeningOn(int port) {
    url = publicUrl == null
        ? URI.create("http://" + host + ":" + port + "/" + id)
        : URI.create(publicUrl + "/" + id);
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
