package com.qmsflow.complaint;

import static com.qmsflow.complaint.ComplaintVariables.*;

import java.time.Clock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Step 22: the meeting's resolution applies to this and every later complaint of the batch and
 * defect.
 */
@Component("recordMeetingResolution")
public class RecordMeetingResolutionDelegate implements JavaDelegate {

  private final RecurrenceRepository meetings;
  private final Clock clock;

  public RecordMeetingResolutionDelegate(RecurrenceRepository meetings, Clock clock) {
    this.clock = clock;
    this.meetings = meetings;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String resolution = MEETING_RESOLUTION.get(execution);
    meetings.resolve(
        BATCH_NUMBER.get(execution),
        DEFECT_CODE.get(execution),
        ComplaintIntake.date(MEETING_DATE.raw(execution)),
        resolution,
        clock.instant());
    RECURRENCE_RESOLUTION.set(execution, resolution);
  }
}
