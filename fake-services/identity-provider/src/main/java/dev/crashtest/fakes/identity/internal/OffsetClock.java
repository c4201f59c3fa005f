package dev.crashtest.fakes.identity.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/** A clock that runs {@link #offset()} ahead of (or, negative, behind) another: the provider's skewed clock. */
public final class OffsetClock extends Clock {
  private final Clock base;
  private volatile Duration offset = Duration.ZERO;

  public OffsetClock(Clock base) {
    this.base = Objects.requireNonNull(base, "base");
  }

  public Duration offset() {
    return offset;
  }

  public void setOffset(Duration offset) {
    this.offset = Objects.requireNonNull(offset, "offset");
  }

  @Override
  public Instant instant() {
    return base.instant().plus(offset);
  }

  @Override
  public ZoneId getZone() {
    return base.getZone();
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("identity: the provider's clock has one zone");
  }
}
