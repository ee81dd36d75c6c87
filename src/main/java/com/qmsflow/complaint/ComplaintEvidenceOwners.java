package com.qmsflow.complaint;

import com.qmsflow.evidence.OwnerKind;
import com.qmsflow.evidence.OwnerRecords;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Complaints as owners of evidence files. */
@Component
public class ComplaintEvidenceOwners implements OwnerRecords {

  private final ComplaintRepository complaints;

  public ComplaintEvidenceOwners(ComplaintRepository complaints) {
    this.complaints = complaints;
  }

  @Override
  public OwnerKind kind() {
    return OwnerKind.COMPLAINT;
  }

  @Override
  public Optional<OwnerRecord> find(String number) {
    return complaints.findByNumber(number).map(c -> new OwnerRecord(c.processInstanceId(), number));
  }
}
