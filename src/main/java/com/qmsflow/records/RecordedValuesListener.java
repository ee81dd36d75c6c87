package com.qmsflow.records;

import java.util.Set;

/**
 * Told, in the same transaction, which names were just recorded in {@code record_value} for a
 * process instance (by the recorder or the backfill from history). A feature keeps a projection of
 * the record with it, such as the complaint register's finding columns ({@code
 * complaint/ComplaintFindings}), so that projection can never disagree with the record. Recording
 * the same event twice records nothing the second time, and so tells nothing.
 */
public interface RecordedValuesListener {

  void valuesRecorded(String processInstanceId, Set<String> names);
}
