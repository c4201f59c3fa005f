package dev.crashtest.fakes.identity.internal;

import dev.crashtest.fakes.faults.CountedFault;
import dev.crashtest.fakes.identity.IdentityFault;

/** The OAuth errors of faults that refuse a request: an outage, or a token endpoint error. */
final class FaultRefusals {
  private FaultRefusals() {}

  static OAuthError of(CountedFault<IdentityFault> fault) {
    String description = "the identity provider failed on purpose (injected fault [" + fault.id() + "]: "
        + fault.description() + ")";
    return OAuthError.injected(fault.fault().status(), fault.fault().oauthError(), description);
  }
}
