package dev.crashtest.fakes.crm;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in identity provider for tests: an RSA signing key, its JWKS served on a real 127.0.0.1 socket, and
 * tokens minted directly with nimbus.
 *
 * <pre>{@code
 * try (TestIdentity idp = TestIdentity.start()) {
 *   String token = idp.token().withScope("crm.read").sign();
 * }
 * }</pre>
 */
final class TestIdentity implements AutoCloseable {
  private final HttpServer server;
  private final AtomicInteger jwksFetches = new AtomicInteger();
  private volatile RSAKey signingKey = newKey();

  private TestIdentity(HttpServer server) {
    this.server = server;
  }

  static TestIdentity start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      TestIdentity identity = new TestIdentity(server);
      server.createContext("/jwks", exchange -> {
        identity.jwksFetches.incrementAndGet();
        byte[] body = new JWKSet(identity.signingKey).toPublicJWKSet().toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      });
      server.start();
      return identity;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  URI issuer() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  URI jwksUri() {
    return URI.create(issuer() + "/jwks");
  }

  int jwksFetches() {
    return jwksFetches.get();
  }

  /** Replaces the signing key: the JWKS then shows only the new key, under a new key id. */
  void rotateKey() {
    signingKey = newKey();
  }

  /** A delegated token (user {@code alice}, agent {@code agent-7}, read and write scopes) to adjust. */
  Token token() {
    return new Token(signingKey);
  }

  static RSAKey newKey() {
    try {
      return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }

  /** A token being minted; every {@code with*} replaces a claim. */
  final class Token {
    private RSAKey key;
    private final JWTClaimsSet.Builder claims;

    private Token(RSAKey key) {
      this.key = key;
      Instant now = Instant.now();
      this.claims = new JWTClaimsSet.Builder()
          .issuer(issuer().toString())
          .subject("alice")
          .audience("crm")
          .claim("act", Map.of("sub", "agent-7"))
          .claim("azp", "agent-7")
          .claim("scope", "crm.read crm.write")
          .jwtID(UUID.randomUUID().toString())
          .issueTime(Date.from(now))
          .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
    }

    Token withScope(String scope) {
      claims.claim("scope", scope);
      return this;
    }

    Token withSubject(String subject) {
      claims.subject(subject);
      return this;
    }

    Token withAgent(String agent) {
      claims.claim("act", Map.of("sub", agent)).claim("azp", agent);
      return this;
    }

    /** A client's own token: no {@code act}, the client in {@code azp}. */
    Token withoutDelegation(String client) {
      claims.claim("act", null).claim("azp", client);
      return this;
    }

    Token withIssuer(String issuer) {
      claims.issuer(issuer);
      return this;
    }

    Token withAudience(String audience) {
      claims.audience(audience);
      return this;
    }

    Token withTokenId(String jti) {
      claims.jwtID(jti);
      return this;
    }

    Token expiringAt(Instant expiry) {
      claims.expirationTime(Date.from(expiry));
      return this;
    }

    Token notBefore(Instant moment) {
      claims.notBeforeTime(Date.from(moment));
      return this;
    }

    Token signedBy(RSAKey otherKey) {
      this.key = otherKey;
      return this;
    }

    String sign() {
      JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT)
          .build();
      SignedJWT jwt = new SignedJWT(header, claims.build());
      try {
        jwt.sign(new RSASSASigner(key));
      } catch (JOSEException e) {
        throw new IllegalStateException(e);
      }
      return jwt.serialize();
    }
  }
}
