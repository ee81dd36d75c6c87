package com.qmsflow.security;

import com.qmsflow.security.RestAuthenticationFilter.RequestUser;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HTTP Basic credentials that the identity service accepted a moment ago, with the user's groups
 * and tenants, so that a client sending the same credentials with every request (Camunda Modeler,
 * integrations, Prometheus) costs one password check and three identity queries per time to live
 * instead of per request.
 *
 * <p>Only accepted credentials are kept, under an HMAC of user id and password with a key that
 * lives in this JVM only; neither the password nor a reusable hash of it is stored. A wrong
 * password never comes from here, so Camunda's login throttling still applies to it. A password
 * change, a removed user or membership takes effect for Basic clients after at most the time to
 * live (the webapps' own login cache keeps a user's groups for 5 minutes by default).
 */
public final class VerifiedCredentials {

  static final int MAX_ENTRIES = 10_000;

  private record Entry(RequestUser user, long expiresAtNanos) {}

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final long timeToLiveNanos;
  private final LongSupplier nanoTime;
  private final SecretKeySpec key;

  /**
   * @param timeToLive how long accepted credentials are trusted; zero or negative: not at all
   */
  public VerifiedCredentials(Duration timeToLive) {
    this(timeToLive, System::nanoTime);
  }

  VerifiedCredentials(Duration timeToLive, LongSupplier nanoTime) {
    this.timeToLiveNanos = timeToLive.isNegative() ? 0 : timeToLive.toNanos();
    this.nanoTime = nanoTime;
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    this.key = new SecretKeySpec(secret, "HmacSHA256");
  }

  /** The user these credentials authenticated within the time to live, if any. */
  Optional<RequestUser> find(String userId, String password) {
    if (timeToLiveNanos == 0) {
      return Optional.empty();
    }
    String id = id(userId, password);
    Entry entry = entries.get(id);
    if (entry == null) {
      return Optional.empty();
    }
    if (nanoTime.getAsLong() - entry.expiresAtNanos() >= 0) {
      entries.remove(id, entry);
      return Optional.empty();
    }
    return Optional.of(entry.user());
  }

  /** Remembers credentials the identity service has just accepted. */
  void remember(String userId, String password, RequestUser user) {
    if (timeToLiveNanos == 0) {
      return;
    }
    long now = nanoTime.getAsLong();
    if (entries.size() >= MAX_ENTRIES) {
      entries.values().removeIf(e -> now - e.expiresAtNanos() >= 0);
      if (entries.size() >= MAX_ENTRIES) {
        entries.clear();
      }
    }
    entries.put(id(userId, password), new Entry(user, now + timeToLiveNanos));
  }

  int size() {
    return entries.size();
  }

  private String id(String userId, String password) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update(userId.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return HexFormat.of().formatHex(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }
}
