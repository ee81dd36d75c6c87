package com.qmsflow.complainant;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Requests of the status page per client address and per token, counted in windows of one minute
 * (per node). A key over its limit is refused until the next window. At most {@link #MAX_KEYS} keys
 * are kept: past that, the windows of earlier minutes are dropped first, and if the current minute
 * alone has that many keys, new keys are refused too (guessing at that rate is an attack).
 */
@Component
public class RateLimiter {

  static final int MAX_KEYS = 50_000;

  private record Window(long minute, int count) {}

  private final Map<String, Window> windows = new ConcurrentHashMap<>();
  private final Clock clock;

  public RateLimiter(Clock clock) {
    this.clock = clock;
  }

  /** Counts a request of this key; false when the key is over its limit in this minute. */
  public boolean admit(String key, int perMinute) {
    long minute = clock.millis() / 60_000;
    if (windows.size() >= MAX_KEYS && !windows.containsKey(key)) {
      windows.values().removeIf(w -> w.minute() != minute);
      if (windows.size() >= MAX_KEYS) {
        return false;
      }
    }
    Window now =
        windows.compute(
            key,
            (k, w) ->
                w == null || w.minute() != minute
                    ? new Window(minute, 1)
                    : new Window(minute, w.count() + 1));
    return now.count() <= perMinute;
  }

  /** Forgets every count (tests). */
  void clear() {
    windows.clear();
  }
}
