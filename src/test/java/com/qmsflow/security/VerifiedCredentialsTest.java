package com.qmsflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.qmsflow.security.RestAuthenticationFilter.RequestUser;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class VerifiedCredentialsTest {

  private final AtomicLong now = new AtomicLong(1_000);
  private final VerifiedCredentials credentials =
      new VerifiedCredentials(Duration.ofSeconds(60), now::get);
  private final RequestUser clerk =
      new RequestUser("clerk", List.of("customer-service"), List.of());

  @Test
  void acceptedCredentialsAreTrustedUntilTheirTimeToLiveEnds() {
    credentials.remember("clerk", "secret", clerk);

    now.addAndGet(Duration.ofSeconds(59).toNanos());
    assertThat(credentials.find("clerk", "secret")).contains(clerk);

    now.addAndGet(Duration.ofSeconds(1).toNanos());
    assertThat(credentials.find("clerk", "secret")).isEmpty();
    assertThat(credentials.size()).isZero();
  }

  @Test
  void anotherPasswordOrUserIsNeverServedFromMemory() {
    credentials.remember("clerk", "secret", clerk);

    assertThat(credentials.find("clerk", "Secret")).isEmpty();
    assertThat(credentials.find("clerk", "")).isEmpty();
    assertThat(credentials.find("clerks", "ecret")).isEmpty();
    assertThat(credentials.find("sales", "secret")).isEmpty();
  }

  @Test
  void userIdAndPasswordAreSeparated() {
    credentials.remember("ab", "c", clerk);

    assertThat(credentials.find("a", "bc")).isEmpty();
  }

  @Test
  void zeroTimeToLiveRemembersNothing() {
    VerifiedCredentials off = new VerifiedCredentials(Duration.ZERO, now::get);
    off.remember("clerk", "secret", clerk);

    assertThat(off.find("clerk", "secret")).isEmpty();
    assertThat(off.size()).isZero();
  }

  @Test
  void aFullMemoryDropsExpiredEntriesFirstThenEverything() {
    for (int i = 0; i < VerifiedCredentials.MAX_ENTRIES; i++) {
      credentials.remember("user" + i, "pw", clerk);
    }
    now.addAndGet(Duration.ofSeconds(61).toNanos());
    credentials.remember("clerk", "secret", clerk);
    assertThat(credentials.size()).isEqualTo(1);

    for (int i = 1; i < VerifiedCredentials.MAX_ENTRIES; i++) {
      credentials.remember("user" + i, "pw", clerk);
    }
    credentials.remember("sales", "secret", clerk);
    assertThat(credentials.size()).isEqualTo(1);
    assertThat(credentials.find("sales", "secret")).contains(clerk);
  }
}
