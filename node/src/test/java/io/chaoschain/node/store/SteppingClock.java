package io.chaoschain.node.store;

import io.chaoschain.core.TimeProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/** A clock the test moves by hand, so timestamps written by the stores are predictable. */
public final class SteppingClock implements TimeProvider {
  private final AtomicReference<Instant> now;

  public SteppingClock(Instant start) {
    this.now = new AtomicReference<>(start);
  }

  @Override
  public Instant now() {
    return now.get();
  }

  public Instant advance(Duration step) {
    return now.updateAndGet(t -> t.plus(step));
  }
}
