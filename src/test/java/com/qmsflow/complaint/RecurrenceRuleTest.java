package com.qmsflow.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The recurrence rule of CheckRecurrenceDelegate, without an engine. */
class RecurrenceRuleTest {

  private final RecurrenceRule rule = new RecurrenceRule(3);

  @Test
  void theComplaintThatReachesTheThresholdCallsTheMeeting() {
    assertThat(rule.reachesThreshold(2)).isFalse();
    assertThat(rule.reachesThreshold(3)).isTrue();
    assertThat(rule.reachesThreshold(4)).isTrue();
  }

  @Test
  void onceClaimedOnlyTheClaimingComplaintNeedsTheMeetingUntilItIsResolved() {
    assertThat(RecurrenceRule.stillNeeded("CC-3", "CC-3", null)).isTrue();
    assertThat(RecurrenceRule.stillNeeded("CC-3", "CC-3", "Replace the die")).isFalse();
    assertThat(RecurrenceRule.stillNeeded("CC-4", "CC-3", null)).isFalse();
  }
}
