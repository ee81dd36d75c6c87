package com.qmsflow.change;

import static com.qmsflow.change.ChangeVariables.*;
import static com.qmsflow.forms.FormRule.mustBeChecked;
import static com.qmsflow.forms.FormRule.requiredWhen;

import com.qmsflow.customer.CustomerRepository;
import com.qmsflow.forms.FieldError;
import com.qmsflow.forms.FormRule;
import com.qmsflow.forms.FormRule.Submission;
import com.qmsflow.variable.Variable;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The cross-field rules of the contract-change forms, marked "checked on submit" in the forms. */
@Configuration
public class ChangeFormRules {

  private final ZoneId zone;

  public ChangeFormRules(@Value("${qms.calendar.zone:Asia/Shanghai}") String zone) {
    this.zone = ZoneId.of(zone);
  }

  @Bean
  FormRule changeRequestRule(CustomerRepository customers) {
    return FormRule.of(
        "change-request",
        s -> {
          List<FieldError> errors = new ArrayList<>();
          if (!s.isBlank(CUSTOMER_CODE) && customers.findByCode(s.text(CUSTOMER_CODE)).isEmpty()) {
            errors.add(
                new FieldError(
                    CUSTOMER_CODE,
                    "Customer (customerCode) "
                        + s.text(CUSTOMER_CODE)
                        + " is not in the customer archive"));
          }
          errors.addAll(requestContent(s));
          return errors;
        });
  }

  @Bean
  FormRule confirmWithCustomerRule() {
    return FormRule.of(
        "change-confirm-with-customer",
        s ->
            requiredWhen(
                s,
                "notConfirmed".equals(s.text(CUSTOMER_CONFIRMATION)),
                CUSTOMER_ANSWER,
                "The customer's objection (customerAnswer) is required when the customer did not"
                    + " confirm"));
  }

  @Bean
  FormRule engineeringReviewRule() {
    return reviewRule("change-engineering-review", ENGINEERING_VERDICT, ENGINEERING_COMMENTS);
  }

  @Bean
  FormRule productionReviewRule() {
    return reviewRule("change-production-review", PRODUCTION_VERDICT, PRODUCTION_COMMENTS);
  }

  @Bean
  FormRule materialReviewRule() {
    return reviewRule("change-material-review", MATERIAL_VERDICT, MATERIAL_COMMENTS);
  }

  @Bean
  FormRule reviseRequestRule() {
    return FormRule.of(
        "change-revise-request",
        s -> {
          if ("withdraw".equals(s.text(REVISION_DECISION))) {
            return requiredWhen(
                s,
                true,
                WITHDRAW_REASON,
                "Reason for withdrawing (withdrawReason) is required when you withdraw");
          }
          return requestContent(s);
        });
  }

  @Bean
  FormRule approvalRule() {
    return FormRule.of(
        "change-approval",
        s ->
            requiredWhen(
                s,
                "reject".equals(s.text(APPROVAL_DECISION)),
                APPROVAL_REASON,
                "Reason (approvalReason) is required when you reject: it is sent to the"
                    + " requester"));
  }

  @Bean
  FormRule changeNoticeRule() {
    return FormRule.of(
        "change-notice",
        s -> {
          List<FieldError> errors = new ArrayList<>();
          for (int i = 0; i < ASPECT_FLAGS.size(); i++) {
            Variable<String> notice = NOTICE_FIELDS.get(i);
            String aspect = ChangeAspects.NAMES.get(ASPECT_FLAGS.get(i).name());
            errors.addAll(
                requiredWhen(
                    s,
                    s.isTrue(ASPECT_FLAGS.get(i)),
                    notice,
                    "The notice for "
                        + aspect
                        + " ("
                        + notice
                        + ") is required: the change touches "
                        + aspect));
          }
          errors.addAll(notInThePast(s, EFFECTIVE_DATE, "Effective date (effectiveDate)"));
          return errors;
        });
  }

  @Bean
  FormRule implementationRule() {
    return FormRule.of(
        "change-implementation",
        s ->
            mustBeChecked(
                s,
                IMPLEMENTATION_DONE,
                "Implemented (implementationDone) must be ticked: the department confirms its part"
                    + " of the notice"));
  }

  @Bean
  FormRule firstLotRule() {
    return FormRule.of(
        "change-first-lot-check",
        s ->
            requiredWhen(
                s,
                "notOk".equals(s.text(FIRST_LOT_RESULT)),
                FIRST_LOT_FINDINGS,
                "Findings (firstLotFindings) are required when the first lot is not OK"));
  }

  private static FormRule reviewRule(
      String formId, Variable<String> verdict, Variable<String> comments) {
    return FormRule.of(
        formId,
        s ->
            requiredWhen(
                s,
                VERDICT_NG.equals(s.text(verdict)),
                comments,
                "Comments ("
                    + comments
                    + ") are required for NG: the author needs to know what to change"));
  }

  /** A request (new or revised): at least one 5M1E aspect, an effective date not in the past. */
  private List<FieldError> requestContent(Submission s) {
    List<FieldError> errors = new ArrayList<>();
    if (ASPECT_FLAGS.stream().noneMatch(s::isTrue)) {
      errors.add(
          new FieldError(
              TOUCHES_MAN,
              "Tick at least one 5M1E aspect (man, machine, material, method, measurement,"
                  + " environment)"));
    }
    errors.addAll(
        notInThePast(
            s, REQUESTED_EFFECTIVE_DATE, "Requested effective date (requestedEffectiveDate)"));
    return errors;
  }

  private List<FieldError> notInThePast(Submission s, Variable<?> key, String label) {
    if (s.isBlank(key)) {
      return List.of();
    }
    LocalDate date = s.date(key);
    if (date == null) {
      return List.of(new FieldError(key, label + " must be a date like 2026-03-31"));
    }
    LocalDate today = LocalDate.ofInstant(s.submittedAt(), zone);
    return date.isBefore(today)
        ? List.of(new FieldError(key, label + " must not be in the past"))
        : List.of();
  }
}
