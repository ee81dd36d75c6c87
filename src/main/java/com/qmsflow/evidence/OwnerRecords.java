package com.qmsflow.evidence;

import java.util.Optional;

/**
 * Finds the record evidence files of one {@link OwnerKind} belong to. Implemented by the feature
 * that keeps the record (complaint, 8D report), so that evidence knows none of them.
 */
public interface OwnerRecords {

  /** The record's process instance and, for an 8D report, the complaint it was opened for. */
  record OwnerRecord(String processInstanceId, String complaintNumber) {}

  OwnerKind kind();

  Optional<OwnerRecord> find(String number);
}
