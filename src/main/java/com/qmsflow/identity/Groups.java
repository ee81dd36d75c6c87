package com.qmsflow.identity;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Camunda group ids of the roles in {@code PROCEDURE.md} ("Roles"), used as candidate groups in the
 * models. All of them are created at start by {@link GroupSetup} with type {@link #TYPE_WORKFLOW};
 * {@code camunda-admin} (type SYSTEM) is created by the starter's admin user and is not listed
 * here.
 */
public final class Groups {

  /** Camunda group type of the business groups (Cockpit/Admin show it). */
  public static final String TYPE_WORKFLOW =
      org.camunda.bpm.engine.authorization.Groups.GROUP_TYPE_WORKFLOW;

  /** The administrators' group the starter creates ({@code camunda-admin}). */
  public static final String CAMUNDA_ADMIN =
      org.camunda.bpm.engine.authorization.Groups.CAMUNDA_ADMIN;

  /** Marketing dept. customer-service staff (客服): registers, confirms and archives complaints. */
  public static final String CUSTOMER_SERVICE = "customer-service";

  /** Sales reps, order followers, regional managers (业务员/跟单员/区域经理). */
  public static final String SALES = "sales";

  /** Head of marketing, VP marketing (市场部负责人/营销副总): first escalation target. */
  public static final String SALES_MANAGEMENT = "sales-management";

  /** Quality assurance (品管部/品保部/质管部): validity and cause analysis, 8D lead. */
  public static final String QUALITY = "quality";

  /** QA manager, VP quality (品保主管/质管副总): approves permanent countermeasures. */
  public static final String QUALITY_MANAGEMENT = "quality-management";

  /** R&amp;D / technical dept. (研发/技术部): root-cause support, technical change evaluation. */
  public static final String ENGINEERING = "engineering";

  /** Production dept. (生产部): corrections, containment on the line, change review. */
  public static final String PRODUCTION = "production";

  /** Material and planning (物控计划部): change review (material, delivery impact). */
  public static final String MATERIAL_CONTROL = "material-control";

  /** General affairs (总务): environmental complaints. */
  public static final String GENERAL_AFFAIRS = "general-affairs";

  /** General manager (总经理): returns, recalls, compensation above the limit; last escalation. */
  public static final String GENERAL_MANAGER = "general-manager";

  /** Process owners: may deploy models. */
  public static final String PROCESS_OWNERS = "process-owners";

  private static final Map<String, String> NAMES;

  static {
    Map<String, String> names = new LinkedHashMap<>();
    names.put(CUSTOMER_SERVICE, "Customer service (客服)");
    names.put(SALES, "Sales (业务)");
    names.put(SALES_MANAGEMENT, "Sales management (市场部负责人/营销副总)");
    names.put(QUALITY, "Quality assurance (品保)");
    names.put(QUALITY_MANAGEMENT, "Quality management (品保主管/质管副总)");
    names.put(ENGINEERING, "Engineering (研发/技术部)");
    names.put(PRODUCTION, "Production (生产部)");
    names.put(MATERIAL_CONTROL, "Material control (物控计划部)");
    names.put(GENERAL_AFFAIRS, "General affairs (总务)");
    names.put(GENERAL_MANAGER, "General manager (总经理)");
    names.put(PROCESS_OWNERS, "Process owners (流程负责人)");
    NAMES = Collections.unmodifiableMap(names);
  }

  private Groups() {}

  /** Readable names by group id, in the order of {@code PROCEDURE.md}, process owners last. */
  public static Map<String, String> names() {
    return NAMES;
  }

  /** All group ids created by {@link GroupSetup}. */
  public static List<String> all() {
    return List.copyOf(NAMES.keySet());
  }

  /** The readable name of a group id, or {@code null} for an unknown id. */
  public static String nameOf(String groupId) {
    return NAMES.get(groupId);
  }
}
