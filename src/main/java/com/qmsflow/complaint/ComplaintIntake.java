package com.qmsflow.complaint;

import static com.qmsflow.complaint.ComplaintVariables.*;

import com.qmsflow.customer.Customer;
import com.qmsflow.customer.CustomerRepository;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Puts a new complaint into the register. Both ways in (the Tasklist start form and {@code POST
 * /api/complaints}) end here, from the register step of the process.
 */
@Service
public class ComplaintIntake {

  private final ComplaintRepository complaints;
  private final ComplaintNumbers numbers;
  private final CustomerRepository customers;
  private final DefectCatalog defects;

  public ComplaintIntake(
      ComplaintRepository complaints,
      ComplaintNumbers numbers,
      CustomerRepository customers,
      DefectCatalog defects) {
    this.complaints = complaints;
    this.numbers = numbers;
    this.customers = customers;
    this.defects = defects;
  }

  /**
   * Registers the complaint of a process instance. A complaint pre-registered by the REST intake
   * under the instance's business key is only linked; a complaint started from Tasklist gets its
   * number here. Registering the same instance twice returns the first registration.
   */
  public Complaint register(
      String businessKey, String processInstanceId, Map<String, Object> v, Instant now) {
    if (businessKey != null) {
      // a complaint registered under this key by another instance is not shared: this one gets its
      // own number
      Optional<Complaint> existing =
          complaints
              .findByNumber(businessKey)
              .filter(
                  c ->
                      c.processInstanceId() == null
                          || c.processInstanceId().equals(processInstanceId));
      if (existing.isPresent()) {
        if (existing.get().processInstanceId() == null) {
          complaints.attachProcessInstance(businessKey, processInstanceId);
        }
        return complaints.findByNumber(businessKey).orElseThrow();
      }
    }
    Complaint complaint = newComplaint(numbers.next(), processInstanceId, v, now);
    complaints.insert(complaint);
    return complaint;
  }

  /**
   * Enters a complaint of the REST intake in the register under a number the caller generated,
   * before its process starts (in the same transaction). The register step of the process then
   * finds it by business key and links the instance (see {@link #register}).
   */
  public Complaint preRegister(String complaintNumber, Map<String, Object> v, Instant now) {
    Complaint complaint = newComplaint(complaintNumber, null, v, now);
    complaints.insert(complaint);
    return complaint;
  }

  /** A new open register row from the intake's values. */
  private static Complaint newComplaint(
      String complaintNumber, String processInstanceId, Map<String, Object> v, Instant now) {
    return new Complaint(
        complaintNumber,
        processInstanceId,
        blankToNull(EXTERNAL_REFERENCE.rawFrom(v)),
        text(CUSTOMER_CODE.rawFrom(v)),
        null,
        text(CATEGORY.rawFrom(v)),
        text(CHANNEL.rawFrom(v)),
        text(PRODUCT_NAME.rawFrom(v)),
        blankToNull(PRODUCT_MODEL.rawFrom(v)),
        text(BATCH_NUMBER.rawFrom(v)),
        text(DEFECT_CODE.rawFrom(v)),
        date(PRODUCTION_DATE.rawFrom(v)),
        integer(QUANTITY_PURCHASED.rawFrom(v)),
        integer(QUANTITY_DEFECTIVE.rawFrom(v)),
        text(DESCRIPTION.rawFrom(v)),
        Boolean.TRUE.equals(URGENT.rawFrom(v)),
        Boolean.TRUE.equals(SAFETY_RELATED.rawFrom(v)),
        null,
        "OPEN",
        now,
        null);
  }

  public Customer customer(String code) {
    return customers
        .findByCode(code)
        .orElseThrow(() -> new IllegalStateException("Unknown customer " + code));
  }

  public String defectDescription(String code) {
    return defects.find(code).map(DefectCatalog.DefectCode::description).orElse(code);
  }

  static String text(Object value) {
    return value == null ? null : value.toString().trim();
  }

  static String blankToNull(Object value) {
    String text = text(value);
    return text == null || text.isEmpty() ? null : text;
  }

  static Integer integer(Object value) {
    if (value == null || value.toString().isBlank()) {
      return null;
    }
    return value instanceof Number n ? n.intValue() : (int) Double.parseDouble(value.toString());
  }

  static LocalDate date(Object value) {
    String text = blankToNull(value);
    return text == null ? null : LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
  }
}
