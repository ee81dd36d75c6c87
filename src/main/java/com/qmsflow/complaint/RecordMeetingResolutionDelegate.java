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
    String resolution = (String) execution.getVariable(MEETING_RESOLUTION);
    meetings.resolve(
        (String) execution.getVariable(BATCH_NUMBER),
        (String) execution.getVariable(DEFECT_CODE),
        ComplaintIntake.date(execution.getVariable(MEETING_DATE)),
        resolution,
        clock.instant());
    execution.setVariable(RECURRENCE_RESOLUTION, resolution);
  }
}
