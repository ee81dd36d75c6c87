package com.qmsflow.change;

import java.util.HashMap;
import java.util.Map;

/** Submissions that pass each contract-change form, for tests to change field by field. */
public final class ChangeSubmissions {

  private ChangeSubmissions() {}

  /**
   * A valid change request (start form): a customer cost optimisation of C013 (tier C) touching
   * material.
   */
  public static Map<String, Object> request() {
    Map<String, Object> v = new HashMap<>();
    v.put("contractReference", "SO-2026-0412");
    v.put("changeType", "customer-cost-optimisation");
    v.put("customerCode", "C013");
    v.put(
        "changeDescription",
        "Backsheet supplier changes from KPf 3-layer to a PET-based 2-layer backsheet.");
    v.put("changeReason", "Customer's 2026 cost target: -1.5 % on the module price.");
    v.put("requestedEffectiveDate", "2026-04-01");
    v.put("touchesMan", false);
    v.put("touchesMachine", false);
    v.put("touchesMaterial", true);
    v.put("touchesMethod", false);
    v.put("touchesMeasurement", false);
    v.put("touchesEnvironment", false);
    v.put("costImpact", 8000);
    return v;
  }

  /**
   * The flags of exactly these aspects ticked (man, machine, material, method, measurement,
   * environment).
   */
  public static Map<String, Object> aspects(String... names) {
    Map<String, Object> v = new HashMap<>();
    ChangeAspects.NAMES.forEach(
        (flag, name) -> v.put(flag, java.util.List.of(names).contains(name)));
    return v;
  }

  public static Map<String, Object> valid(String taskKey) {
    Map<String, Object> v = new HashMap<>();
    switch (taskKey) {
      case "userTaskConfirmWithCustomer" -> {
        v.put("customerConfirmation", "confirmed");
        v.put("customerContactPerson", "Ms Li, purchasing C013");
        v.put(
            "confirmedRequirement",
            "2-layer PET backsheet, same electrical ratings, from lot of April.");
      }
      case "userTaskEngineeringReview" -> {
        v.put("engineeringVerdict", "OK");
        v.put("engineeringComments", "UL file covers the PET backsheet.");
      }
      case "userTaskProductionReview" -> v.put("productionVerdict", "OK");
      case "userTaskMaterialReview" -> {
        v.put("materialVerdict", "OK");
        v.put("materialComments", "Old stock of 1 200 m² used up by 25 March.");
      }
      case "userTaskReviseOrWithdraw" -> v.put("revisionDecision", "revise");
      case "userTaskApproveChange" -> v.put("approvalDecision", "approve");
      case "userTaskIssueChangeNotice" -> {
        v.put("noticeMan", "");
        v.put("noticeMaterial", "Backsheet KPf-3L → PET-2L (supplier Sunlam)");
        v.put("noticeMethod", "WI-LAM-002 rev F → rev G (lamination time +10 s)");
        v.put("noticeMachine", "Laminator recipe 12 → 14");
        v.put("noticeMeasurement", "Peel test per IEC 61215 added to first-article inspection");
        v.put("noticeEnvironment", "Backsheet storage at 20-25 °C");
        v.put(
            "identificationRule",
            "Lot numbers of modules with the new backsheet end in -N; green label on the pallet.");
        v.put("effectiveLot", "L2604-001-N");
        v.put("effectiveDate", "2026-04-01");
      }
      case "userTaskImplementChange" -> {
        v.put("implementationRecord", "Done as noticed; records in DCC-2026-031.");
        v.put("implementationDone", true);
      }
      case "userTaskCheckFirstLot" -> {
        v.put("firstLotNumber", "L2604-001-N");
        v.put("firstLotResult", "ok");
      }
      default -> throw new IllegalArgumentException("No valid submission for " + taskKey);
    }
    return v;
  }
}
