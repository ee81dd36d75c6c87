package com.qmsflow.complaint;

import com.qmsflow.records.ProcessRecord;
import com.qmsflow.records.ProcessRecords;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The complete record of a complaint from the project's tables alone (it survives history cleanup):
 * the register row with its intake data, every finding and decision, the timeline of steps with
 * escalations, and the 8D reports its call activity started.
 */
@Service
public class ComplaintRecordService {

  /** A complaint's record; {@code process} is null for a complaint not yet started. */
  public record ComplaintRecord(
      Complaint complaint, ProcessRecord process, List<ProcessRecord> correctiveActions) {}

  private final ComplaintRepository register;
  private final ProcessRecords records;

  public ComplaintRecordService(ComplaintRepository register, ProcessRecords records) {
    this.register = register;
    this.records = records;
  }

  public Optional<ComplaintRecord> find(String complaintNumber) {
    return register
        .findByNumber(complaintNumber)
        .map(
            complaint -> {
              ProcessRecord process =
                  complaint.processInstanceId() == null
                      ? null
                      : records.byInstance(complaint.processInstanceId()).orElse(null);
              return new ComplaintRecord(
                  complaint,
                  process,
                  process == null ? List.of() : records.calledBy(process.processInstanceId()));
            });
  }
}
