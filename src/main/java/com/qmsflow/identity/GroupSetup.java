package com.qmsflow.identity;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.identity.Group;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Creates the Camunda groups of {@link Groups} and grants the {@link PermissionModel} once the
 * application is ready (the engine is built and the starter's admin user exists by then; {@code
 * PostDeployEvent} is only published for an {@code @EnableProcessApplication}, which this
 * application is not). Runs before {@link DemoUsers}, which needs the groups.
 *
 * <p>Idempotent: existing groups are left as they are, so changes made in Admin survive a restart.
 *
 * <p><b>Engine property needed:</b> Camunda accepts only {@code [a-zA-Z0-9]+|camunda-admin} as
 * group id by default; our ids contain hyphens, so the engine must be configured with {@code
 * groupResourceWhitelistPattern} = {@value #GROUP_ID_PATTERN} ({@code
 * camunda.bpm.generic-properties.properties.groupResourceWhitelistPattern}).
 */
@Component
public class GroupSetup {

  private static final Logger LOG = LoggerFactory.getLogger(GroupSetup.class);

  /**
   * Group ids the engine must accept ({@code groupResourceWhitelistPattern}); also matches {@code
   * camunda-admin}.
   */
  public static final String GROUP_ID_PATTERN = "[a-zA-Z0-9-]+";

  private final IdentityService identityService;
  private final PermissionModel permissionModel;

  public GroupSetup(IdentityService identityService, PermissionModel permissionModel) {
    this.identityService = identityService;
    this.permissionModel = permissionModel;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(1)
  public void onApplicationReady() {
    setUp();
  }

  /** Creates whatever is missing; safe to call any number of times. */
  public void setUp() {
    createGroups();
    permissionModel.apply();
  }

  void createGroups() {
    Groups.names()
        .forEach(
            (id, name) -> {
              if (identityService.createGroupQuery().groupId(id).count() == 0) {
                Group group = identityService.newGroup(id);
                group.setName(name);
                group.setType(Groups.TYPE_WORKFLOW);
                try {
                  identityService.saveGroup(group);
                } catch (ProcessEngineException e) {
                  throw new IllegalStateException(
                      "Cannot create group "
                          + id
                          + ": set camunda.bpm.generic-properties.properties."
                          + "groupResourceWhitelistPattern to "
                          + GROUP_ID_PATTERN,
                      e);
                }
                LOG.info("Created group {} ({})", id, name);
              }
            });
  }
}
