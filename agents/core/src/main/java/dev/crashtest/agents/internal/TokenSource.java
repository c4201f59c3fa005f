package dev.crashtest.agents.internal;

import java.time.Clock;
import java.time.Duration;

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
  private DelegatedToken token;

  public TokenSource(TokenExchange exchange, String subjectToken, Clock clock) {
    this.exchange = exchange;
    this.subjectToken = subjectToken;
    this.clock = clock;
  }

  /** A token valid for at least 10 more seconds. */
  public synchronized String current() throws TokenExchangeException, InterruptedException {
    if (token == null || !token.expiresAt().isAfter(clock.instant().plus(REFRESH_MARGIN))) {
      token = exchange.exchange(subjectToken);
    }
    return token.accessToken();
  }

  /** Drops the current token and exchanges a new one. */
  public synchronized String refresh() throws TokenExchangeException, InterruptedException {
    token = exchange.exchange(subjectToken);
    return token.accessToken();
  }
}
