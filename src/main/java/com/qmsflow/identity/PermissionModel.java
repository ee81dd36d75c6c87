package com.qmsflow.identity;

import static com.qmsflow.identity.Groups.*;
import static org.camunda.bpm.engine.authorization.Permissions.ACCESS;
import static org.camunda.bpm.engine.authorization.Permissions.CREATE;
import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.READ_HISTORY;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.READ_INSTANCE;

import com.qmsflow.capa.CorrectiveActionVariables;
import com.qmsflow.change.ChangeVariables;
import com.qmsflow.complaint.ComplaintVariables;
import com.qmsflow.survey.SurveyVariables;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The group permissions of {@code PROCEDURE.md} ("Roles") as Camunda authorizations; authorization
 * checks are enabled ({@code camunda.bpm.authorization.enabled}), so nothing is visible without a
 * grant.
 *
 * <ul>
 *   <li>Staff (every business group) use Tasklist and see the definitions' names. Their tasks come
 *       from the candidate groups: the engine grants a candidate group (and an assignee) READ and
 *       UPDATE on that task when the task is created, nothing else.
 *   <li>The groups that handle complaints (customer service, sales, quality) read complaint
 *       instances, their variables (customer data) and history; quality the same for 8D. Other
 *       staff read a complaint only through a task they have: engineering, production, material
 *       control and general affairs do not see customer data of complaints they have no task in.
 *   <li>Customer service starts complaints, quality starts 8Ds; the groups that may raise a
 *       contract change start those.
 *   <li>Contract changes are confidential: no staff group reads them by definition; the change
 *       process grants the groups involved in one change READ on that instance.
 *   <li>Managers (sales management, quality management, general manager) read every instance, task,
 *       decision and its history, in Cockpit as well.
 *   <li>Process owners deploy (Camunda Modeler's deploy button = {@code POST
 *       /engine-rest/deployment/create}) and see definitions and deployments in Cockpit; they do
 *       not read instances.
 * </ul>
 *
 * Grants are added idempotently at every start; permissions granted by an administrator in Admin on
 * top are kept, revoking one of these grants lasts only until the next start (change it here).
 */
@Component
public class PermissionModel {

  private static final Logger LOG = LoggerFactory.getLogger(PermissionModel.class);

  public static final List<String> STAFF =
      List.of(
          CUSTOMER_SERVICE,
          SALES,
          QUALITY,
          ENGINEERING,
          PRODUCTION,
          MATERIAL_CONTROL,
          GENERAL_AFFAIRS);
  public static final List<String> MANAGEMENT =
      List.of(SALES_MANAGEMENT, QUALITY_MANAGEMENT, GENERAL_MANAGER);
  public static final List<String> COMPLAINT_HANDLERS = List.of(CUSTOMER_SERVICE, SALES, QUALITY);
  public static final List<String> CHANGE_REQUESTERS =
      List.of(SALES, QUALITY, ENGINEERING, PRODUCTION, MATERIAL_CONTROL);

  /** One authorization: these permissions for a group on one resource (or {@code *}). */
  public record Grant(
      String groupId, Resource resource, String resourceId, List<Permission> permissions) {}

  private final AuthorizationService authorizationService;

  public PermissionModel(AuthorizationService authorizationService) {
    this.authorizationService = authorizationService;
  }

  /** Every grant of the model. */
  public static List<Grant> grants() {
    List<Grant> grants = new ArrayList<>();
    for (String group : Groups.all()) {
      grants.add(grant(group, Resources.APPLICATION, "tasklist", ACCESS));
      grants.add(grant(group, Resources.PROCESS_DEFINITION, "*", READ));
      grants.add(grant(group, Resources.FILTER, "*", CREATE));
    }
    for (String group : COMPLAINT_HANDLERS) {
      grants.add(
          grant(
              group,
              Resources.PROCESS_DEFINITION,
              ComplaintVariables.PROCESS_KEY,
              READ_INSTANCE,
              READ_HISTORY));
    }
    grants.add(
        grant(
            CUSTOMER_SERVICE,
            Resources.PROCESS_DEFINITION,
            ComplaintVariables.PROCESS_KEY,
            ProcessDefinitionPermissions.CREATE_INSTANCE));
    grants.add(
        grant(
            QUALITY,
            Resources.PROCESS_DEFINITION,
            CorrectiveActionVariables.PROCESS_KEY,
            READ_INSTANCE,
            READ_HISTORY,
            ProcessDefinitionPermissions.CREATE_INSTANCE));
    for (String group : CHANGE_REQUESTERS) {
      grants.add(
          grant(
              group,
              Resources.PROCESS_DEFINITION,
              ChangeVariables.PROCESS_KEY,
              ProcessDefinitionPermissions.CREATE_INSTANCE));
    }
    for (String group :
        List.of(CUSTOMER_SERVICE, SALES, QUALITY, ENGINEERING, PRODUCTION, MATERIAL_CONTROL)) {
      grants.add(grant(group, Resources.PROCESS_INSTANCE, "*", CREATE));
    }
    // sales management plans (starts) the satisfaction survey campaign [002 §4.5.1-§4.5.2]
    grants.add(
        grant(
            SALES_MANAGEMENT,
            Resources.PROCESS_DEFINITION,
            SurveyVariables.PROCESS_KEY,
            ProcessDefinitionPermissions.CREATE_INSTANCE));
    grants.add(grant(SALES_MANAGEMENT, Resources.PROCESS_INSTANCE, "*", CREATE));
    for (String group : MANAGEMENT) {
      grants.add(grant(group, Resources.APPLICATION, "cockpit", ACCESS));
      grants.add(
          grant(
              group,
              Resources.PROCESS_DEFINITION,
              "*",
              READ,
              READ_INSTANCE,
              READ_HISTORY,
              ProcessDefinitionPermissions.READ_TASK));
      grants.add(grant(group, Resources.PROCESS_INSTANCE, "*", READ));
      grants.add(grant(group, Resources.TASK, "*", READ));
      grants.add(
          grant(
              group,
              Resources.HISTORIC_PROCESS_INSTANCE,
              "*",
              HistoricProcessInstancePermissions.READ));
      grants.add(grant(group, Resources.HISTORIC_TASK, "*", HistoricTaskPermissions.READ));
      grants.add(grant(group, Resources.DECISION_DEFINITION, "*", READ, Permissions.READ_HISTORY));
      grants.add(grant(group, Resources.DECISION_REQUIREMENTS_DEFINITION, "*", READ));
      grants.add(grant(group, Resources.DEPLOYMENT, "*", READ));
    }
    grants.add(grant(PROCESS_OWNERS, Resources.APPLICATION, "cockpit", ACCESS));
    grants.add(grant(PROCESS_OWNERS, Resources.DEPLOYMENT, "*", CREATE, READ));
    grants.add(grant(PROCESS_OWNERS, Resources.DECISION_DEFINITION, "*", READ));
    grants.add(grant(PROCESS_OWNERS, Resources.DECISION_REQUIREMENTS_DEFINITION, "*", READ));
    return grants;
  }

  private static Grant grant(
      String group, Resource resource, String resourceId, Permission... permissions) {
    return new Grant(group, resource, resourceId, List.of(permissions));
  }

  /** Adds whatever grant or permission is missing. */
  public void apply() {
    int changed = 0;
    for (Grant grant : grants()) {
      if (ensure(grant)) {
        changed++;
      }
    }
    if (changed > 0) {
      LOG.info("Granted {} group authorizations of the permission model", changed);
    }
  }

  private boolean ensure(Grant grant) {
    Authorization authorization =
        authorizationService
            .createAuthorizationQuery()
            .authorizationType(Authorization.AUTH_TYPE_GRANT)
            .groupIdIn(grant.groupId())
            .resourceType(grant.resource())
            .resourceId(grant.resourceId())
            .singleResult();
    if (authorization == null) {
      authorization = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      authorization.setGroupId(grant.groupId());
      authorization.setResource(grant.resource());
      authorization.setResourceId(grant.resourceId());
    } else if (grant.permissions().stream().allMatch(authorization::isPermissionGranted)) {
      return false;
    }
    grant.permissions().forEach(authorization::addPermission);
    authorizationService.saveAuthorization(authorization);
    return true;
  }
}
