package com.qmsflow.complaint;

import static com.qmsflow.complaint.ComplaintVariables.*;

import java.time.Clock;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Step 22: counts the complaints about this batch with this defect code. The complaint that reaches
 * the threshold (3 by default, {@code qms.complaint.recurrence-threshold}) claims the quality
 * analysis meeting; every complaint sees the meeting's resolution once there is one.
 */
@Component("checkRecurrence")
public class CheckRecurrenceDelegate implements JavaDelegate {

  private final ComplaintRepository complaints;
  private final RecurrenceRepository meetings;
  private final RecurrenceRule rule;
  private final Clock clock;

  public CheckRecurrenceDelegate(
      ComplaintRepository complaints,
      RecurrenceRepository meetings,
      @Value("${qms.complaint.recurrence-threshold:3}") int threshold,
      Clock clock) {
    this.clock = clock;
    this.complaints = complaints;
    this.meetings = meetings;
    this.rule = new RecurrenceRule(threshold);
  }

  @Override
  public void execute(DelegateExecution execution) {
    String number = COMPLAINT_NUMBER_VAR.get(execution);
    String batch = BATCH_NUMBER.get(execution);
    String defect = DEFECT_CODE.get(execution);
    int count = complaints.countSameBatchAndDefect(batch, defect);
    SAME_BATCH_DEFECT_COUNT.set(execution, count);

    Optional<RecurrenceRepository.Meeting> meeting = meetings.find(batch, defect);
    boolean needed;
    if (meeting.isPresent()) {
      // a re-run of this job finds its own claim
      needed =
          RecurrenceRule.stillNeeded(
              number, meeting.get().triggeredBy(), meeting.get().resolution());
    } else {
      needed =
          rule.reachesThreshold(count) && meetings.claim(batch, defect, number, clock.instant());
    }
    RECURRENCE_MEETING_NEEDED.set(execution, needed);
    RECURRENCE_RESOLUTION.set(
        execution, meeting.map(RecurrenceRepository.Meeting::resolution).orElse(null));
  }
}
