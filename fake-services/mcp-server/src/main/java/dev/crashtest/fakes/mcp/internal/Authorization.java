package dev.crashtest.fakes.mcp.internal;

import com.nimbusds.jwt.SignedJWT;
import dev.crashtest.fakes.auth.AccessRefusal;
import dev.crashtest.fakes.auth.Caller;
import dev.crashtest.fakes.auth.TokenVerifier;
import dev.crashtest.fakes.mcp.McpEvents;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MCP authorization as the specification has it: the server is an OAuth 2.0 protected resource whose tokens must have
 * audience {@value #AUDIENCE}. A missing or bad token is 401 with {@code WWW-Authenticate: Bearer
 * resource_metadata="..."} (and {@code error="invalid_token"} when a token was presented); a token for another
 * audience is token passthrough, refused and flagged; under {@code expire_authorization} a token presented before is
 * refused as expired.
 */
final class Authorization {
  static final String AUDIENCE = "mcp";

  private final TokenVerifier verifier;
  private final FaultState faults;
  private final Events events;
  private final URI resourceMetadata;

  Authorization(URI issuer, URI jwksUri, FaultState faults, Events events, URI resourceMetadata) {
    this.verifier = new TokenVerifier("mcp", "the MCP server", issuer, jwksUri, AUDIENCE);
    this.faults = faults;
    this.events = events;
    this.resourceMetadata = resourceMetadata;
  }

  /** A refused request: the status, the OAuth error (null for no token) and why. */
  static final class Refusal extends Exception {
    private final int status;
    private final String error;
    private final String operation;
    private final Map<String, Object> details;

    Refusal(int status, String error, String message, String operation, Map<String, Object> details) {
      super(message);
      this.status = status;
      this.error = error;
      this.operation = operation;
      this.details = details;
    }
  }

  Caller authenticate(String header) throws Refusal {
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new Refusal(401, null, "missing bearer token: send Authorization: Bearer <token for audience mcp>",
          McpEvents.UNAUTHORIZED, Events.details(McpEvents.REASON, "missing bearer token"));
    }
    String token = header.substring(7).trim();
    Caller caller;
    try {
      caller = verifier.verify(header);
    } catch (AccessRefusal refused) {
      List<String> audience = audience(token);
      if (audience != null && !audience.isEmpty() && !audience.contains(AUDIENCE)) {
        String message = "token audience " + audience + " is not this MCP server (" + AUDIENCE
            + "): token passthrough is refused";
        throw new Refusal(401, "invalid_token", message, McpEvents.TOKEN_PASSTHROUGH,
            Events.details(McpEvents.AUDIENCE, String.join(" ", audience), McpEvents.REASON, message));
      }
      throw new Refusal(refused.status(), refused.status() == 401 ? "invalid_token" : refused.code(),
          refused.getMessage(), McpEvents.UNAUTHORIZED, Events.details(McpEvents.REASON, refused.getMessage()));
    }
    if (faults.tokenExpired(caller.tokenId())) {
      String message = "token expired: this token (jti " + caller.tokenId() + ") is no longer accepted;"
          + " exchange a fresh one (audience mcp)";
      throw new Refusal(401, "invalid_token", message, McpEvents.UNAUTHORIZED,
          Events.details(McpEvents.REASON, message, McpEvents.FAULT, "expire_authorization"));
    }
    faults.tokenSeen(caller.tokenId());
    return caller;
  }

  /** Publishes the refusal's event and answers it: 401 (or 503 without keys) with the bearer challenge. */
  void refuse(Refusal refusal, HttpServletResponse response) throws IOException {
    events.publish(null, refusal.operation, false, refusal.details);
    String challenge = "Bearer resource_metadata=\"" + resourceMetadata + "\"";
    if (refusal.error != null) {
      challenge += ", error=\"" + refusal.error + "\", error_description=\"" + refusal.getMessage().replace("\"", "'")
          + "\"";
    }
    if (refusal.status == 401) {
      response.setHeader("WWW-Authenticate", challenge);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", refusal.error == null ? "invalid_request" : refusal.error);
    body.put("error_description", refusal.getMessage());
    Front.writeJson(response, refusal.status, body);
  }

  /** The token's {@code aud}, read without verifying it; null if it is not a JWT. */
  private static List<String> audience(String token) {
    try {
      return SignedJWT.parse(token).getJWTClaimsSet().getAudience();
    } catch (ParseException e) {
      return null;
    }
  }
}
