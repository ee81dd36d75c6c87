package com.qmsflow.capa;

import com.qmsflow.evidence.OwnerKind;
import com.qmsflow.evidence.OwnerRecords;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** 8D reports as owners of evidence files. */
@Component
public class CorrectiveActionEvidenceOwners implements OwnerRecords {

  private final CorrectiveActionRepository correctiveActions;

  public CorrectiveActionEvidenceOwners(CorrectiveActionRepository correctiveActions) {
    this.correctiveActions = correctiveActions;
  }

  @Override
  public OwnerKind kind() {
    return OwnerKind.CORRECTIVE_ACTION;
  }

  @Override
  public Optional<OwnerRecord> find(String number) {
    return correctiveActions
        .findByNumber(number)
        .map(a -> new OwnerRecord(a.processInstanceId(), a.complaintNumber()));
  }
}
