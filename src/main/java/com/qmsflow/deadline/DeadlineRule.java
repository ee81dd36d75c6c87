package com.qmsflow.deadline;

/**
 * One row of a deadline decision (e.g. {@code complaint-deadlines}): when a step is due, when the
 * second escalation level follows, and who is escalated to.
 */
public record DeadlineRule(
    String dueBase,
    long dueAmount,
    String dueUnit,
    long secondLevelAmount,
    String secondLevelUnit,
    String escalationGroup,
    String secondEscalationGroup) {

  public String groupForLevel(int level) {
    return level <= 1 ? escalationGroup : secondEscalationGroup;
  }
}
