package com.qmsflow.records;

/**
 * Told, in the same transaction, that a step of a process instance was recorded as opened with a
 * due date, with a changed due date or as ended (by the recorder or the backfill from history), so
 * that a feature can keep a projection of the open steps with it, such as the complaint register's
 * earliest open due date ({@code complaint/ComplaintOpenDue}). Recording the same event twice
 * records nothing the second time, and so tells nothing.
 */
public interface RecordedStepsListener {

  void stepsChanged(String processInstanceId);
}
