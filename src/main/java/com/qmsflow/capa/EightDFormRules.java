package com.qmsflow.capa;

import static com.qmsflow.capa.CorrectiveActionVariables.*;
import static com.qmsflow.forms.FormRule.mustBeChecked;
import static com.qmsflow.forms.FormRule.requiredWhen;

import com.qmsflow.forms.FieldError;
import com.qmsflow.forms.FormRule;
import com.qmsflow.identity.UserDirectory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/** The cross-field rules of the 8D forms, marked "checked on submit" in the forms. */
@Configuration
public class EightDFormRules {

  @Bean
  FormRule d0Rule() {
    return FormRule.of(
        "eight-d-d0-emergency-response",
        s ->
            requiredWhen(
                s,
                "notApplicable".equals(s.text(EIGHT_D_APPLICABILITY)),
                NOT_APPLICABLE_REASON,
                "Reason (notApplicableReason) is required when 8D does not fit the problem"));
  }

  @Bean
  FormRule simpleCorrectionRule() {
    return FormRule.of(
        "eight-d-simple-correction",
        s ->
            mustBeChecked(
                s,
                SIMPLE_CORRECTION_VERIFIED,
                "Correction verified (simpleCorrectionVerified) must be checked: QA verifies the"
                    + " correction"));
  }

  /**
   * The team leader and members must be users, since tasks are assigned to them; any user may be
   * named (the team is cross-functional), whatever the submitter may read of the user list.
   */
  @Bean
  FormRule d1TeamRule(@Lazy UserDirectory users) {
    return FormRule.of(
        "eight-d-d1-team",
        s -> {
          List<FieldError> errors = new ArrayList<>();
          if (!s.isBlank(TEAM_LEADER) && !users.exists(s.text(TEAM_LEADER))) {
            errors.add(
                new FieldError(
                    TEAM_LEADER,
                    "Team leader (teamLeader) " + s.text(TEAM_LEADER) + " is not a user"));
          }
          if (!s.isBlank(TEAM_MEMBERS)) {
            List<String> unknown =
                Arrays.stream(s.text(TEAM_MEMBERS).split(","))
                    .map(String::trim)
                    .filter(id -> !id.isEmpty())
                    .filter(id -> !users.exists(id))
                    .toList();
            if (!unknown.isEmpty()) {
              errors.add(
                  new FieldError(
                      TEAM_MEMBERS,
                      "Team members (teamMembers) are not users: " + String.join(", ", unknown)));
            }
          }
          return errors;
        });
  }

  @Bean
  FormRule d3Rule() {
    return FormRule.of(
        "eight-d-d3-containment",
        s ->
            mustBeChecked(
                s,
                CONTAINMENT_EFFECTIVE,
                "Containment effective (containmentEffective) must be checked: D3 ends with"
                    + " verified containment"));
  }

  @Bean
  FormRule d5ApprovalRule() {
    return FormRule.of(
        "eight-d-d5-approval",
        s ->
            requiredWhen(
                s,
                !s.isBlank(D5_DECISION) && !"approved".equals(s.text(D5_DECISION)),
                D5_REJECTION_REASON,
                "Reason (d5RejectionReason) is required when the permanent actions go back"));
  }

  @Bean
  FormRule d6Rule() {
    return FormRule.of(
        "eight-d-d6-implementation",
        s ->
            mustBeChecked(
                s,
                CONTAINMENT_REMOVED,
                "Containment removed (containmentRemoved) must be checked: D6 removes the temporary"
                    + " containment"));
  }

  @Bean
  FormRule confirmNoRecurrenceRule() {
    return FormRule.of(
        "eight-d-confirm-no-recurrence",
        s ->
            requiredWhen(
                s,
                "similarOrIdentical".equals(s.text(RECURRENCE_OBSERVED)),
                RECURRENCE_EVIDENCE,
                "Evidence (recurrenceEvidence) is required when a similar or identical abnormality"
                    + " occurred"));
  }

  @Bean
  FormRule preventionReportRule() {
    return FormRule.of(
        "eight-d-decide-prevention-report",
        s ->
            requiredWhen(
                s,
                "yes".equals(s.text(PREVENTION_REPORT_NEEDED)),
                PREVENTION_REPORT_REASON,
                "Reason (preventionReportReason) is required when a recurrence-prevention report is"
                    + " issued"));
  }

  /**
   * A permanent action that changes product or process raises a contract change: it needs its
   * content.
   */
  @Bean
  FormRule d7ChangeRule() {
    return FormRule.of(
        "eight-d-d7-prevention",
        s -> {
          if (!s.isTrue(PERMANENT_ACTION_CHANGES_PRODUCT_OR_PROCESS)) {
            return List.of();
          }
          List<FieldError> errors =
              new ArrayList<>(
                  requiredWhen(
                      s,
                      true,
                      CHANGE_DESCRIPTION,
                      "What changes (changeDescription) is required when the permanent action"
                          + " changes the product or the process"));
          if (com.qmsflow.change.ChangeVariables.ASPECT_FLAGS.stream().noneMatch(s::isTrue)) {
            errors.add(
                new FieldError(
                    com.qmsflow.change.ChangeVariables.TOUCHES_MAN,
                    "Tick at least one 5M1E aspect (man, machine, material, method, measurement,"
                        + " environment) of the change"));
          }
          return errors;
        });
  }

  @Bean
  FormRule d8Rule() {
    return FormRule.of(
        "eight-d-d8-closure",
        s ->
            mustBeChecked(
                s,
                RECORDS_ARCHIVED,
                "Records archived (recordsArchived) must be checked before closing (003 §5.5)"));
  }
}
