package com.qmsflow.register;

import com.qmsflow.access.Condition;
import com.qmsflow.access.Reader;
import com.qmsflow.access.RecordAccess;
import com.qmsflow.evidence.EvidenceAccess;
import com.qmsflow.identity.Groups;
import com.qmsflow.identity.PermissionModel;
import com.qmsflow.web.ForbiddenException;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * The door of the registers: a user in none of the business groups (a process owner) may not use
 * them (403). Which rows each user sees is the one rule of {@link RecordAccess}, the same as for
 * the record pages, their PDFs and the evidence files.
 */
@Component
public class RegisterAccess {

  /** The groups whose members may use the registers at all. */
  static final List<String> REGISTER_USERS =
      Stream.of(PermissionModel.STAFF, PermissionModel.MANAGEMENT, List.of(Groups.CAMUNDA_ADMIN))
          .flatMap(List::stream)
          .toList();

  private final EvidenceAccess evidenceAccess;
  private final RecordAccess records;

  public RegisterAccess(EvidenceAccess evidenceAccess, RecordAccess records) {
    this.evidenceAccess = evidenceAccess;
    this.records = records;
  }

  /** The calling user, refused with 403 without one or outside the business groups. */
  public Reader caller() {
    Reader caller =
        evidenceAccess
            .caller()
            .orElseThrow(() -> new ForbiddenException("register.forbidden", "-", REGISTER_USERS));
    if (!caller.inAny(REGISTER_USERS)) {
      throw new ForbiddenException(
          "register.forbidden", caller.userId(), String.join(", ", REGISTER_USERS));
    }
    return caller;
  }

  /** The rows of {@code complaint c} the caller may read; null when all. */
  Sql complaintRows(Reader caller) {
    return sql(records.complaints(caller, "c"));
  }

  /** The rows of {@code corrective_action a} the caller may read; null when all. */
  Sql correctiveActionRows(Reader caller) {
    return sql(records.correctiveActions(caller, "a"));
  }

  /** The rows of {@code change_request r} the caller may read; null when all. */
  Sql changeRows(Reader caller, String requesterGroupName) {
    return sql(records.changes(caller, "r", requesterGroupName));
  }

  private static Sql sql(Condition condition) {
    return condition == null ? null : Sql.of(condition.sql(), condition.params().toArray());
  }

  static String placeholders(int n) {
    return RecordAccess.placeholders(n);
  }
}
