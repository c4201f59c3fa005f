package dev.crashtest.fakes.identity;

import dev.crashtest.fakes.EventVocabulary;

/**
 * The names in the {@link dev.crashtest.fakes.ServiceEvent}s an {@link IdentityProvider} publishes: its service
 * name, its operations and the keys of their details. No event ever holds a token or a secret.
 *
 * <pre>{@code
 * history.stream()
 *     .filter(e -> e.operation().equals(IdentityEvents.TOKEN_EXCHANGE))
 *     .map(e -> e.details().get(IdentityEvents.ACT));   // the agent that acted for the user
 * }</pre>
 *
 * <table>
 *   <caption>operations</caption>
 *   <tr><th>operation</th><th>actor</th><th>details</th></tr>
 *   <tr><td>{@value #CLIENT_CREDENTIALS}, {@value #TOKEN_EXCHANGE}, {@value #TOKEN_REQUEST}</td>
 *       <td>the authenticated client, or {@code anonymous}</td>
 *       <td>grantType, clientId, sub, act, scope, aud, jti, kid, expiresAt; on FAIL error, errorDescription; when an
 *       injected fault took the request, fault (outcome FAIL for outage and token_endpoint_error, which answer
 *       before the client is authenticated, so clientId is as sent; OK for slow_token_endpoint)</td></tr>
 *   <tr><td>{@value #USER_TOKEN}</td><td>{@value #HARNESS}</td><td>sub, scope, aud, jti, kid, expiresAt</td></tr>
 *   <tr><td>{@value #REGISTER_CLIENT}, {@value #ROTATE_CLIENT_SECRET}</td><td>{@value #HARNESS}</td>
 *       <td>clientId, graceSeconds</td></tr>
 *   <tr><td>{@value #ROTATE_SIGNING_KEY}</td><td>{@value #HARNESS}</td><td>kid, previousKid, graceSeconds</td></tr>
 *   <tr><td>{@value #REVOKE_DELEGATION}</td><td>{@value #HARNESS}</td><td>sub (the user), act (the agent)</td></tr>
 *   <tr><td>{@value #WITHDRAW_SCOPE}</td><td>{@value #HARNESS}</td><td>sub, act, scope</td></tr>
 *   <tr><td>{@value #SET_TOKEN_LIFETIME}</td><td>{@value #HARNESS}</td><td>lifetimeSeconds</td></tr>
 *   <tr><td>{@value #SET_CLOCK_OFFSET}</td><td>{@value #HARNESS}</td><td>offsetMillis</td></tr>
 *   <tr><td>{@value #INTROSPECT}</td><td>null</td><td>active, and sub, act, jti of a valid token; reason for an
 *       inactive one (e.g. {@value #DELEGATION_REVOKED})</td></tr>
 * </table>
 *
 * <p>Discovery and JWKS requests publish no event, an outage's refusals of them included.
 */
public final class IdentityEvents {
  /** The {@code service} of every event. */
  public static final String SERVICE = EventVocabulary.IDENTITY;

  /** The actor of operations the harness made through the Java API. */
  public static final String HARNESS = "harness";

  public static final String CLIENT_CREDENTIALS = "client_credentials";
  public static final String TOKEN_EXCHANGE = "token_exchange";
  /** A token request with a missing or unsupported {@code grant_type}. */
  public static final String TOKEN_REQUEST = "token_request";
  public static final String USER_TOKEN = "user_token";
  public static final String REGISTER_CLIENT = "register_client";
  public static final String ROTATE_CLIENT_SECRET = "rotate_client_secret";
  public static final String ROTATE_SIGNING_KEY = "rotate_signing_key";
  public static final String REVOKE_DELEGATION = EventVocabulary.REVOKE_DELEGATION;
  public static final String WITHDRAW_SCOPE = EventVocabulary.WITHDRAW_SCOPE;
  public static final String SET_TOKEN_LIFETIME = "set_token_lifetime";
  public static final String SET_CLOCK_OFFSET = "set_clock_offset";
  /** An RFC 7662 introspection request at {@code <issuer>/introspect}. */
  public static final String INTROSPECT = "introspect";
  /** Why introspection found a token inactive, and why a token exchange was refused after revocation. */
  public static final String DELEGATION_REVOKED = EventVocabulary.DELEGATION_REVOKED;

  public static final String GRANT_TYPE = "grantType";
  public static final String CLIENT_ID = EventVocabulary.CLIENT_ID;
  public static final String SUB = "sub";
  /** The {@code act.sub} of a delegated token: the agent's client id. */
  public static final String ACT = "act";
  /** Space-separated, as in the token. */
  public static final String SCOPE = EventVocabulary.SCOPE;
  public static final String AUD = "aud";
  public static final String JTI = "jti";
  public static final String KID = "kid";
  public static final String PREVIOUS_KID = "previousKid";
  public static final String GRACE_SECONDS = "graceSeconds";
  public static final String LIFETIME_SECONDS = "lifetimeSeconds";
  public static final String OFFSET_MILLIS = "offsetMillis";
  /** Whether introspection found the token active. */
  public static final String ACTIVE = "active";
  /** Why introspection found a token inactive. */
  public static final String REASON = "reason";
  /** ISO-8601 instant of the token's {@code exp}. */
  public static final String EXPIRES_AT = "expiresAt";
  /** The OAuth error code of a refused request, e.g. {@code invalid_grant}. */
  public static final String ERROR = EventVocabulary.ERROR;
  public static final String ERROR_DESCRIPTION = "errorDescription";
  /** The {@link IdentityFault.Type#wireName()} of the injected fault that took the request, e.g. {@code outage}. */
  public static final String FAULT = EventVocabulary.FAULT;

  public static final String CLIENT_CREDENTIALS_GRANT = "client_credentials";
  public static final String TOKEN_EXCHANGE_GRANT = "urn:ietf:params:oauth:grant-type:token-exchange";
  public static final String JWT_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:jwt";
  public static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";

  private IdentityEvents() {}

  /** The operation name of a token request with this {@code grant_type}. */
  public static String operationFor(String grantType) {
    if (CLIENT_CREDENTIALS_GRANT.equals(grantType)) {
      return CLIENT_CREDENTIALS;
    }
    return TOKEN_EXCHANGE_GRANT.equals(grantType) ? TOKEN_EXCHANGE : TOKEN_REQUEST;
  }
}
