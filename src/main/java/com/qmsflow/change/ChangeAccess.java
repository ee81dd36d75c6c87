package com.qmsflow.change;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Change records are confidential [002 §4.2 C]: staff groups have no read permission on the
 * contract-change definition, so each change is readable only by the groups involved in it (and by
 * management, which reads every definition). This bean grants an involved group READ on the one
 * process instance and on its history ({@code enableHistoricInstancePermissions} must be on).
 *
 * <p>Idempotent: an existing grant of the group on the instance is completed, never duplicated. It
 * runs inside the step that involves the group, whoever completed that step, so the engine's
 * authorization check is suspended for creating the grant itself (a sales clerk may not create
 * authorizations, but the process may).
 */
@Component("changeAccess")
public class ChangeAccess {

  private final AuthorizationService authorizations;
  private final IdentityService identity;

  public ChangeAccess(@Lazy AuthorizationService authorizations, @Lazy IdentityService identity) {
    this.authorizations = authorizations;
    this.identity = identity;
  }

  /** Grants each group READ on the process instance and its history. */
  public void grant(String processInstanceId, Collection<String> groups) {
    Set<String> distinct = new LinkedHashSet<>(groups);
    distinct.remove(null);
    withoutAuthorizationCheck(
        () -> {
          for (String group : distinct) {
            ensure(group, Resources.PROCESS_INSTANCE, processInstanceId, Permissions.READ);
            ensure(
                group,
                Resources.HISTORIC_PROCESS_INSTANCE,
                processInstanceId,
                HistoricProcessInstancePermissions.READ);
          }
          return null;
        });
  }

  /** The groups that were granted READ on the process instance. */
  public List<String> groupsWithAccess(String processInstanceId) {
    return withoutAuthorizationCheck(
        () ->
            authorizations
                .createAuthorizationQuery()
                .authorizationType(Authorization.AUTH_TYPE_GRANT)
                .resourceType(Resources.PROCESS_INSTANCE)
                .resourceId(processInstanceId)
                .list()
                .stream()
                .filter(a -> a.getGroupId() != null && a.isPermissionGranted(Permissions.READ))
                .map(Authorization::getGroupId)
                .sorted()
                .toList());
  }

  /**
   * The requester's department: the first of the user's groups in the order of the roles, not the
   * admin group.
   */
  public String primaryGroup(String userId, List<String> roleOrder, String fallback) {
    if (userId == null) {
      return fallback;
    }
    List<String> memberOf =
        withoutAuthorizationCheck(
            () ->
                identity.createGroupQuery().groupMember(userId).list().stream()
                    .map(Group::getId)
                    .toList());
    return roleOrder.stream().filter(memberOf::contains).findFirst().orElse(fallback);
  }

  private void ensure(String group, Resource resource, String resourceId, Permission permission) {
    Authorization existing =
        authorizations
            .createAuthorizationQuery()
            .authorizationType(Authorization.AUTH_TYPE_GRANT)
            .groupIdIn(group)
            .resourceType(resource)
            .resourceId(resourceId)
            .singleResult();
    if (existing != null && existing.isPermissionGranted(permission)) {
      return;
    }
    Authorization grant =
        existing != null
            ? existing
            : authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    if (existing == null) {
      grant.setGroupId(group);
      grant.setResource(resource);
      grant.setResourceId(resourceId);
    }
    grant.addPermission(permission);
    authorizations.saveAuthorization(grant);
  }

  private static <T> T withoutAuthorizationCheck(Callable<T> work) {
    CommandContext context = Context.getCommandContext();
    try {
      if (context != null) {
        return context.runWithoutAuthorization(work);
      }
      return work.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
