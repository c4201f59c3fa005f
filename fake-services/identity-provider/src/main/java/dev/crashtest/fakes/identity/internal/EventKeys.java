package dev.crashtest.fakes.identity.internal;

import dev.crashtest.fakes.identity.IdentityEvents;

/** Short local names for the detail keys published in {@link IdentityEvents}. */
final class EventKeys {
  static final String GRANT_TYPE = IdentityEvents.GRANT_TYPE;
  static final String CLIENT_ID = IdentityEvents.CLIENT_ID;
  static final String SUB = IdentityEvents.SUB;
  static final String ACT = IdentityEvents.ACT;
  static final String SCOPE = IdentityEvents.SCOPE;
  static final String AUD = IdentityEvents.AUD;
  static final String JTI = IdentityEvents.JTI;
  static final String KID = IdentityEvents.KID;
  static final String EXPIRES_AT = IdentityEvents.EXPIRES_AT;
  static final String ERROR = IdentityEvents.ERROR;
  static final String ERROR_DESCRIPTION = IdentityEvents.ERROR_DESCRIPTION;
  static final String FAULT = IdentityEvents.FAULT;

  private EventKeys() {}
}
