package com.qmsflow.complaint;

import static com.qmsflow.complaint.ComplaintVariables.*;

import com.qmsflow.customer.CustomerRepository;
import com.qmsflow.forms.FieldError;
import com.qmsflow.forms.FormRule;
import com.qmsflow.variable.Variable;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Intake rules beyond the register-complaint form: the customer and the defect code must exist in
 * the archive and catalog, no more defective than purchased, no dates in the future.
 */
@Component
public class RegisterComplaintFormRule implements FormRule {

  public static final String FORM_ID = "register-complaint";

  private final CustomerRepository customers;
  private final DefectCatalog defects;
  private final ZoneId zone;

  public RegisterComplaintFormRule(
      CustomerRepository customers,
      DefectCatalog defects,
      @Value("${qms.calendar.zone:Asia/Shanghai}") String zone) {
    this.customers = customers;
    this.defects = defects;
    this.zone = ZoneId.of(zone);
  }

  @Override
  public String formId() {
    return FORM_ID;
  }

  @Override
  public List<FieldError> check(Submission s) {
    List<FieldError> errors = new ArrayList<>();
    if (!s.isBlank(CUSTOMER_CODE)) {
      Optional<Boolean> active = customers.isActive(s.text(CUSTOMER_CODE));
      if (active.isEmpty()) {
        errors.add(
            new FieldError(
                CUSTOMER_CODE,
                "Customer (customerCode) "
                    + s.text(CUSTOMER_CODE)
                    + " is not in the customer archive"));
      } else if (!active.get()) {
        errors.add(
            new FieldError(
                CUSTOMER_CODE,
                "Customer (customerCode) "
                    + s.text(CUSTOMER_CODE)
                    + " is deactivated in the customer archive and cannot receive new"
                    + " complaints"));
      }
    }
    if (!s.isBlank(DEFECT_CODE) && defects.findActive(s.text(DEFECT_CODE)).isEmpty()) {
      errors.add(
          new FieldError(
              DEFECT_CODE,
              "Defect code (defectCode) " + s.text(DEFECT_CODE) + " is not in the defect catalog"));
    }
    Double purchased = s.number(QUANTITY_PURCHASED);
    Double defective = s.number(QUANTITY_DEFECTIVE);
    if (purchased != null && defective != null && defective > purchased) {
      errors.add(
          new FieldError(
              QUANTITY_DEFECTIVE,
              "Quantity defective (quantityDefective) must not exceed the quantity purchased ("
                  + purchased.longValue()
                  + ")"));
    }
    LocalDate today = LocalDate.ofInstant(s.submittedAt(), zone);
    for (Variable<Object> key : List.of(PRODUCTION_DATE, PURCHASE_DATE)) {
      LocalDate date = s.date(key);
      if (!s.isBlank(key) && date == null) {
        errors.add(new FieldError(key, key + " must be a date like 2026-03-31"));
      } else if (date != null && date.isAfter(today)) {
        errors.add(new FieldError(key, key + " must not be in the future"));
      }
    }
    LocalDate production = s.date(PRODUCTION_DATE);
    LocalDate purchase = s.date(PURCHASE_DATE);
    if (production != null && purchase != null && purchase.isBefore(production)) {
      errors.add(
          new FieldError(
              PURCHASE_DATE,
              "Purchase date (purchaseDate) must not be before the production date"));
    }
    return errors;
  }
}
