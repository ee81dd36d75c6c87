package com.qmsflow.complaint;

import static com.qmsflow.forms.FormRule.mustBeChecked;
import static com.qmsflow.forms.FormRule.requiredWhen;

import com.qmsflow.forms.FieldError;
import com.qmsflow.forms.FormRule;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The cross-field rules of the complaint forms ("required when …"), marked "checked on submit" in
 * the forms. Field-level rules (required, lengths, patterns, ranges) live in the form files.
 */
@Configuration
public class ComplaintFormRules {

  private final ZoneId zone;

  public ComplaintFormRules(@Value("${qms.calendar.zone:Asia/Shanghai}") String zone) {
    this.zone = ZoneId.of(zone);
  }

  @Bean
  FormRule investigateOnSiteRule() {
    return FormRule.of(
        "investigate-on-site",
        s ->
            requiredWhen(
                s,
                s.isTrue("sampleTaken"),
                "sampleReceivedDate",
                "Sample received on (sampleReceivedDate) is required when a sample was taken"));
  }

  @Bean
  FormRule reviewSeverityRule() {
    return FormRule.of(
        "review-severity",
        s ->
            requiredWhen(
                s,
                s.isTrue("raiseToSerious"),
                "raiseReason",
                "Reason (raiseReason) is required when the complaint is raised to serious"));
  }

  @Bean
  FormRule analyseComplaintRule(DefectCatalog defects) {
    return FormRule.of(
        "analyse-complaint",
        s -> {
          List<FieldError> errors = new ArrayList<>();
          if (!s.isBlank("confirmedDefectCode")
              && defects.findActive(s.text("confirmedDefectCode")).isEmpty()) {
            errors.add(
                new FieldError(
                    "confirmedDefectCode",
                    "Confirmed defect code (confirmedDefectCode) "
                        + s.text("confirmedDefectCode")
                        + " is not in the defect catalog"));
          }
          if ("acceptComplaint".equals(s.text("disputeDecision"))
              && "invalid".equals(s.text("complaintValidity"))) {
            errors.add(
                new FieldError(
                    "complaintValidity",
                    "Validity (complaintValidity) must be valid: sales management accepted the"
                        + " complaint after the dispute"));
          }
          return errors;
        });
  }

  @Bean
  FormRule commitImprovementDateRule() {
    return FormRule.of(
        "commit-improvement-date",
        s -> {
          List<FieldError> errors = new ArrayList<>();
          LocalDate committed = s.date("committedImprovementDate");
          LocalDate proposed = s.date("proposedImprovementDate");
          if (committed != null && committed.isBefore(LocalDate.ofInstant(s.submittedAt(), zone))) {
            errors.add(
                new FieldError(
                    "committedImprovementDate",
                    "Committed improvement date (committedImprovementDate) must not be in the"
                        + " past"));
          }
          if (committed != null && proposed != null && committed.isAfter(proposed)) {
            if (!s.isTrue("customerConsentToLaterDate")) {
              errors.add(
                  new FieldError(
                      "customerConsentToLaterDate",
                      "Customer consent (customerConsentToLaterDate) is required for a date later"
                          + " than "
                          + proposed));
            }
            if (s.isBlank("customerConsentReference")) {
              errors.add(
                  new FieldError(
                      "customerConsentReference",
                      "Consent reference (customerConsentReference) is required for a date later"
                          + " than "
                          + proposed));
            }
          }
          return errors;
        });
  }

  @Bean
  FormRule containSuspectStockRule() {
    return FormRule.of(
        "contain-suspect-stock",
        s -> {
          LocalDate from = s.date("suspectPeriodFrom");
          LocalDate to = s.date("suspectPeriodTo");
          return from != null && to != null && to.isBefore(from)
              ? List.of(
                  new FieldError(
                      "suspectPeriodTo",
                      "Suspect period to (suspectPeriodTo) must not be before its start"))
              : List.of();
        });
  }

  @Bean
  FormRule approveCompensationRule() {
    return FormRule.of(
        "approve-compensation",
        s -> {
          if (!"approved".equals(s.text("compensationDecision"))) {
            return List.of();
          }
          Double approved = s.number("approvedCompensationAmount");
          Double requested = s.number("compensationAmount");
          if (approved == null || approved <= 0) {
            return List.of(
                new FieldError(
                    "approvedCompensationAmount",
                    "Approved amount (approvedCompensationAmount) is required when approving"));
          }
          if (requested != null && approved > requested) {
            return List.of(
                new FieldError(
                    "approvedCompensationAmount",
                    "Approved amount (approvedCompensationAmount) must not exceed the requested "
                        + requested));
          }
          return List.of();
        });
  }

  @Bean
  FormRule replyInWritingRule() {
    return FormRule.of(
        "reply-in-writing",
        s ->
            requiredWhen(
                s,
                s.taskDueDate() != null && s.submittedAt().isAfter(s.taskDueDate().toInstant()),
                "lateReason",
                "Reason for the late reply (lateReason) is required: the reply deadline has passed"
                    + " (001 part 7 §6(5))"));
  }

  @Bean
  FormRule followUpAfterDeliveryRule() {
    return FormRule.of(
        "follow-up-after-delivery",
        s ->
            mustBeChecked(
                s,
                "qualityInformed",
                "Quality informed (qualityInformed) must be checked: QA must be told the result"
                    + " (001 part 7 §5.4)"));
  }

  @Bean
  FormRule archiveComplaintRecordsRule() {
    return FormRule.of(
        "archive-complaint-records",
        s ->
            mustBeChecked(
                s,
                "recordsComplete",
                "Records complete (recordsComplete) must be checked before archiving (003 §5.5)"));
  }
}
