package com.qmsflow.complaint;

import static com.qmsflow.complaint.ComplaintVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Step 22: the meeting's resolution applies to this and every later complaint of the batch and
 * defect.
 */
@Component("recordMeetingResolution")
public class RecordMeetingResolutionDelegate implements JavaDelegate {

  private final RecurrenceRepository meetings;

  public RecordMeetingResolutionDelegate(RecurrenceRepository meetings) {
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
        ClockUtil.getCurrentTime().toInstant());
    execution.setVariable(RECURRENCE_RESOLUTION, resolution);
  }
}
