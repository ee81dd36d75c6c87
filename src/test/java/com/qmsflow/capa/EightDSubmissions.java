package com.qmsflow.capa;

import java.util.HashMap;
import java.util.Map;

/** A submission that passes each 8D form, for tests to change field by field. */
final class EightDSubmissions {

  static final String TODAY = "2026-03-02";

  static Map<String, Object> raise() {
    Map<String, Object> v = new HashMap<>();
    v.put("problemTitle", "Cracked glass after lamination on line 2");
    v.put("productName", "Mono PERC module 550 W");
    v.put("productModel", "M550-144");
    v.put("batchNumber", "B-8D-0001");
    v.put("defectCode", "BREAKAGE");
    v.put("description", "Internal audit found micro-cracks in 3 % of laminated modules.");
    v.put("customerPrescribesReportFormat", false);
    return v;
  }

  static Map<String, Object> valid(String taskKey) {
    Map<String, Object> v = new HashMap<>();
    switch (taskKey) {
      case "userTaskD0EmergencyResponse" -> {
        v.put("emergencyActions", "Line 2 laminator stopped; all modules of the shift on hold.");
        v.put("eightDApplicability", "applicable");
      }
      case "userTaskCorrectWithoutEightD" -> {
        v.put("simpleCorrection", "Operator re-trained on the laminator recipe selection.");
        v.put("simpleCorrectionVerified", true);
      }
      case "userTaskD1FormTeam" -> {
        v.put("teamLeader", "quality");
        v.put("teamMembers", "engineer, production");
        v.put("teamFunctions", "quality (lead), engineering, production");
      }
      case "userTaskD2DescribeProblem" -> {
        v.put("what", "Micro-cracks in cells after lamination");
        v.put("where", "Line 2 laminator");
        v.put("when", "Night shifts since 20 February");
        v.put("who", "Found by final EL inspection");
        v.put("why", "Suspected pressure profile change");
        v.put("how", "EL images show cracks at cell corners");
        v.put("howMany", 126);
        v.put("howOften", "3 % of night-shift output");
      }
      case "userTaskD3Containment" -> {
        v.put(
            "containmentActions",
            "100 % EL inspection of stock and WIP; line 2 on day shift only.");
        v.put("containmentVerification", "No cracked module passed the added EL check in 3 days.");
        v.put("containmentEffective", true);
      }
      case "userTaskD4RootCause" -> {
        v.put("rootCauseMethod", "fiveWhy");
        v.put(
            "rootCause",
            "Night-shift recipe uses the old pressure profile after a recipe server restart.");
        v.put("escapePoint", "EL inspection sampled only 1 in 10 modules at night.");
        v.put(
            "rootCauseConfirmedBy",
            "Experiment: old profile reproduces cracks in 5 of 20 modules.");
      }
      case "userTaskD5PermanentActions" -> {
        v.put(
            "permanentActions",
            "Recipe locked by checksum; server restart re-validates the recipe.");
        v.put("permanentActionsVerification", "Trial run of 500 modules without cracks.");
      }
      case "userTaskApproveD5PermanentActions" -> v.put("d5Decision", "approved");
      case "userTaskD6Implement" -> {
        v.put("implementationDetails", "Checksum lock deployed on all laminators on 2 March.");
        v.put("containmentRemoved", true);
        v.put("effectBefore", 30000);
        v.put("effectAfter", 150);
        v.put("verifiedEffect", "Crack rate fell from 3 % to 0.015 % in two weeks.");
      }
      case "userTaskD7PreventRecurrence" -> {
        v.put("standardsUpdated", "WI-LAM-002 rev F");
        v.put("fmeaUpdated", true);
        v.put("controlPlanUpdated", true);
        v.put("trainingDone", "All laminator operators, 4 March");
        v.put("similarProducts", "Same lock on the 600 W line");
      }
      case "userTaskConfirmNoRecurrence" -> v.put("recurrenceObserved", "none");
      case "userTaskDecideRecurrencePreventionReport" -> v.put("preventionReportNeeded", "no");
      case "userTaskDraftPreventionCountermeasures" -> {
        v.put(
            "preventionCountermeasures",
            "Recipe change control extended to every equipment server.");
        v.put("preventionDueDate", "2026-06-30");
      }
      case "userTaskApprovePreventionCountermeasures" -> {
        v.put("preventionDecision", "approved");
        v.put("preventionDecisionNote", "Agreed.");
      }
      case "userTaskConfirmPreventionEffect" ->
          v.put("preventionEffect", "No recipe deviation in the following audit.");
      case "userTaskD8CloseAndRecognise" -> {
        v.put("teamRecognition", "Team thanked at the monthly quality meeting.");
        v.put("lessonsLearned", "Recipes are configuration: control them like code.");
        v.put("recordsArchived", true);
      }
      default -> {}
    }
    return v;
  }

  private EightDSubmissions() {}
}
