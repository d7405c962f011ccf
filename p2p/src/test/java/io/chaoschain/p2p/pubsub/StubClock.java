package io.chaoschain.p2p.pubsub;

import io.chaoschain.core.TimeProvider;
import java.time.Duration;
import java.time.Instant;

/** A clock that moves only when told to. */
final class StubClock implements TimeProvider {
  private Instant now = Instant.parse("2026-01-01T00:00:00Z");

  @Override
  public Instant now() {
    return now;
  }

  void advance(Duration d) {
    now = now.plus(d);
  }
}
