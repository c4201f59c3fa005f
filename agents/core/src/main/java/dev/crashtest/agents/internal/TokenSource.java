package dev.crashtest.agents.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The delegated token of one task: exchanged on first use, exchanged again when it expires within
 * 10 seconds, and on demand when the CRM answered 401 (contract, section 4).
 *
 * <pre>{@code
 * TokenSource tokens = new TokenSource(exchange, userToken, Clock.systemUTC());
 * String bearer = tokens.current();
 * }</pre>
 */
public final class TokenSource {
  static final Duration REFRESH_MARGIN = Duration.ofSeconds(10);

  private final TokenExchange exchange;
  private final String subjectToken;
  private final Clock clock;
  private final String audience;
  private final List<String> scopes;
  private DelegatedToken token;

  /** Procurement's: a token for the CRM with {@code crm.read crm.write}. */
  public TokenSource(TokenExchange exchange, String subjectToken, Clock clock) {
    this(exchange, subjectToken, clock, TokenExchange.CRM_AUDIENCE, TokenExchange.CRM_SCOPES);
  }

  /** A token for one workload service: {@code audience} is the service's name, {@code scopes} its tools' scopes. */
  public TokenSource(TokenExchange exchange, String subjectToken, Clock clock, String audience, List<String> scopes) {
    this.exchange = exchange;
    this.subjectToken = subjectToken;
    this.clock = clock;
    this.audience = audience;
    this.scopes = List.copyOf(scopes);
  }

  /** A token valid for at least 10 more seconds. */
  public synchronized String current() throws TokenExchangeException, InterruptedException {
    if (token == null || !token.expiresAt().isAfter(clock.instant().plus(REFRESH_MARGIN))) {
      token = exchange.exchange(subjectToken, audience, scopes);
    }
    return token.accessToken();
  }

  /** Drops the current token and exchanges a new one. */
  public synchronized String refresh() throws TokenExchangeException, InterruptedException {
    token = exchange.exchange(subjectToken, audience, scopes);
    return token.accessToken();
  }
}
