package dev.crashtest.fakes.auth;

import dev.crashtest.fakes.EventVocabulary;
import java.util.Map;

/**
 * The checks a resource server makes once a token is verified, with the words every fake refuses in: the token's
 * agent must be the one presenting it, and the token must grant the call's scope.
 *
 * <pre>{@code
 * AccessRules.requirePresenter(caller, "procurement-agent");   // 401 if the token names another agent
 * AccessRules.requireScope(caller, "crm.write");                // 403 insufficient_scope
 * }</pre>
 */
public final class AccessRules {
  /** The {@code error} (and {@code refusal} detail) of a request whose token was issued to another agent. */
  public static final String TOKEN_OF_ANOTHER_AGENT = "token_of_another_agent";

  private AccessRules() {}

  /**
   * Refuses a delegated token of another agent on {@code presenter}'s own address (null: the shared address, where
   * nobody is known to present).
   */
  public static void requirePresenter(Caller caller, String presenter) {
    if (presenter == null || caller.agent() == null || caller.agent().equals(presenter)) {
      return;
    }
    throw new AccessRefusal(401, "invalid_token", "agent [" + presenter + "] presented a token issued to agent ["
        + caller.agent() + "]: a token is bound to the agent it was issued to; exchange the user's token (RFC 8693)"
        + " for your own", AccessRefusal.bearerChallenge(), TOKEN_OF_ANOTHER_AGENT);
  }

  /** Refuses with 403 {@code insufficient_scope} unless the token grants {@code needed}; null needs nothing. */
  public static void requireScope(Caller caller, String needed) {
    if (needed == null || caller.hasScope(needed)) {
      return;
    }
    String granted = caller.scope() == null ? "" : caller.scope();
    String message = "this call needs scope [" + needed + "]; the token grants [" + granted + "]";
    String challenge = "Bearer error=\"insufficient_scope\", scope=\"" + needed + "\"";
    throw new AccessRefusal(403, "insufficient_scope", message, Map.of("WWW-Authenticate", challenge));
  }

  /** Whether an event's {@code error} is one that also goes out as its {@code refusal} detail. */
  public static boolean isRefusal(String error) {
    return EventVocabulary.DELEGATION_REVOKED.equals(error) || TOKEN_OF_ANOTHER_AGENT.equals(error);
  }
}
