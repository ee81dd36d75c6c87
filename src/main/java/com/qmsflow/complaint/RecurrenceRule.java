package com.qmsflow.complaint;

/**
 * Step 22: when complaints about one batch with one defect code call a quality analysis meeting.
 * The complaint whose count reaches the threshold claims the meeting; once a meeting is claimed,
 * only the claiming complaint (a re-run of its own step) still needs it, and only until it is
 * resolved.
 */
public record RecurrenceRule(int threshold) {

  /** No meeting yet: whether this complaint, the {@code count}-th of its kind, should claim one. */
  public boolean reachesThreshold(int count) {
    return count >= threshold;
  }

  /** A meeting exists: whether this complaint still needs it. */
  public static boolean stillNeeded(String complaintNumber, String triggeredBy, String resolution) {
    return complaintNumber.equals(triggeredBy) && resolution == null;
  }
}
