package com.qmsflow.complaint;

import static com.qmsflow.complaint.ComplaintVariables.*;
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
                s.isTrue(SAMPLE_TAKEN),
                SAMPLE_RECEIVED_DATE,
                "Sample received on (sampleReceivedDate) is required when a sample was taken"));
  }

  @Bean
  FormRule reviewSeverityRule() {
    return FormRule.of(
        "review-severity",
        s ->
            requiredWhen(
                s,
                s.isTrue(RAISE_TO_SERIOUS),
                RAISE_REASON,
                "Reason (raiseReason) is required when the complaint is raised to serious"));
  }

  @Bean
  FormRule analyseComplaintRule(DefectCatalog defects) {
    return FormRule.of(
        "analyse-complaint",
        s -> {
          List<FieldError> errors = new ArrayList<>();
          if (!s.isBlank(CONFIRMED_DEFECT_CODE)
              && defects.findActive(s.text(CONFIRMED_DEFECT_CODE)).isEmpty()) {
            errors.add(
                new FieldError(
                    CONFIRMED_DEFECT_CODE,
                    "Confirmed defect code (confirmedDefectCode) "
                        + s.text(CONFIRMED_DEFECT_CODE)
                        + " is not in the defect catalog"));
          }
          if ("acceptComplaint".equals(s.text(DISPUTE_DECISION))
              && "invalid".equals(s.text(COMPLAINT_VALIDITY))) {
            errors.add(
                new FieldError(
                    COMPLAINT_VALIDITY,
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
          LocalDate committed = s.date(COMMITTED_IMPROVEMENT_DATE);
          LocalDate proposed = s.date(PROPOSED_IMPROVEMENT_DATE);
          if (committed != null && committed.isBefore(LocalDate.ofInstant(s.submittedAt(), zone))) {
            errors.add(
                new FieldError(
                    COMMITTED_IMPROVEMENT_DATE,
                    "Committed improvement date (committedImprovementDate) must not be in the"
                        + " past"));
          }
          if (committed != null && proposed != null && committed.isAfter(proposed)) {
            if (!s.isTrue(CUSTOMER_CONSENT_TO_LATER_DATE)) {
              errors.add(
                  new FieldError(
                      CUSTOMER_CONSENT_TO_LATER_DATE,
                      "Customer consent (customerConsentToLaterDate) is required for a date later"
                          + " than "
                          + proposed));
            }
            if (s.isBlank(CUSTOMER_CONSENT_REFERENCE)) {
              errors.add(
                  new FieldError(
                      CUSTOMER_CONSENT_REFERENCE,
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
          LocalDate from = s.date(SUSPECT_PERIOD_FROM);
          LocalDate to = s.date(SUSPECT_PERIOD_TO);
          return from != null && to != null && to.isBefore(from)
              ? List.of(
                  new FieldError(
                      SUSPECT_PERIOD_TO,
                      "Suspect period to (suspectPeriodTo) must not be before its start"))
              : List.of();
        });
  }

  @Bean
  FormRule approveCompensationRule() {
    return FormRule.of(
        "approve-compensation",
        s -> {
          if (!"approved".equals(s.text(COMPENSATION_DECISION))) {
            return List.of();
          }
          Double approved = s.number(APPROVED_COMPENSATION_AMOUNT);
          Double requested = s.number(COMPENSATION_AMOUNT);
          if (approved == null || approved <= 0) {
            return List.of(
                new FieldError(
                    APPROVED_COMPENSATION_AMOUNT,
                    "Approved amount (approvedCompensationAmount) is required when approving"));
          }
          if (requested != null && approved > requested) {
            return List.of(
                new FieldError(
                    APPROVED_COMPENSATION_AMOUNT,
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
                LATE_REASON,
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
                QUALITY_INFORMED,
                "Quality informed (qualityInformed) must be checked: QA must be told the result"
                    + " (001 part 7 §5.4)"));
  }

  @Bean
  FormRule recordCustomerDecisionRule() {
    return FormRule.of(
        "record-customer-decision",
        s ->
            "rejected".equals(s.text(CUSTOMER_DECISION))
                    && (s.isBlank(CUSTOMER_DECISION_REASON)
                        || s.text(CUSTOMER_DECISION_REASON).strip().length() < 10)
                ? List.of(
                    new FieldError(
                        CUSTOMER_DECISION_REASON,
                        "Customer's reason (customerDecisionReason) of at least 10 characters is"
                            + " required when the customer rejects the reply (003 §5.3)"))
                : List.of());
  }

  @Bean
  FormRule settleRejectedReplyRule(CustomerDecisions decisions) {
    return FormRule.of(
        "settle-rejected-reply",
        s ->
            "askAgain".equals(s.text(REJECTION_SETTLEMENT))
                    && !decisions.mayAskAgain(s.text(COMPLAINT_NUMBER_VAR))
                ? List.of(
                    new FieldError(
                        REJECTION_SETTLEMENT,
                        "Settlement (rejectionSettlement) must be the final ruling: the customer"
                            + " was asked "
                            + decisions.maxRounds()
                            + " times already (003 §5.3.1)"))
                : List.of());
  }

  @Bean
  FormRule archiveComplaintRecordsRule() {
    return FormRule.of(
        "archive-complaint-records",
        s ->
            mustBeChecked(
                s,
                RECORDS_COMPLETE,
                "Records complete (recordsComplete) must be checked before archiving (003 §5.5)"));
  }
}
