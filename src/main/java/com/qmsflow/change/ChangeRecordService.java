package com.qmsflow.change;

import com.qmsflow.change.ChangeRequestRepository.ChangeRequest;
import com.qmsflow.change.ChangeRequestRepository.Implementation;
import com.qmsflow.change.ChangeRequestRepository.Review;
import com.qmsflow.records.ProcessRecord;
import com.qmsflow.records.ProcessRecords;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The complete record of a contract change from the project's tables alone: the register row, every
 * review and implementation, and the process record (steps, findings, decisions).
 */
@Service
public class ChangeRecordService {

  /** A change's record; {@code process} is null for a change without a process instance. */
  public record ChangeRecord(
      ChangeRequest change,
      java.util.List<Review> reviews,
      java.util.List<Implementation> implementations,
      ProcessRecord process) {}

  private final ChangeRequestRepository register;
  private final ProcessRecords records;

  public ChangeRecordService(ChangeRequestRepository register, ProcessRecords records) {
    this.register = register;
    this.records = records;
  }

  public Optional<ChangeRecord> find(String changeNumber) {
    return register
        .findByNumber(changeNumber)
        .map(
            change ->
                new ChangeRecord(
                    change,
                    register.reviews(changeNumber),
                    register.implementations(changeNumber),
                    change.processInstanceId() == null
                        ? null
                        : records.byInstance(change.processInstanceId()).orElse(null)));
  }
}
