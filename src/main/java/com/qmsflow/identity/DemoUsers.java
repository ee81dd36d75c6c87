package com.qmsflow.identity;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * In the demo profile, one demo user per group and the administrator {@value #ADMIN_USER_ID}
 * (created by the starter from {@code camunda.bpm.admin-user}) in every group, so that it can work
 * on every task. Runs after {@link GroupSetup}.
 *
 * <p>Idempotent: existing users and memberships are left as they are, so a password changed in
 * Admin survives a restart.
 *
 * <p><b>Only with {@code qms.demo.users=true}, set in the demo profile: the password of every demo
 * user equals its user id. Never enable this in production.</b>
 *
 * <table>
 *   <caption>Demo users</caption>
 *   <tr><th>user id = password</th><th>group</th></tr>
 *   <tr><td>clerk</td><td>customer-service</td></tr>
 *   <tr><td>sales</td><td>sales</td></tr>
 *   <tr><td>salesmanager</td><td>sales-management</td></tr>
 *   <tr><td>quality</td><td>quality</td></tr>
 *   <tr><td>qualitymanager</td><td>quality-management</td></tr>
 *   <tr><td>engineer</td><td>engineering</td></tr>
 *   <tr><td>production</td><td>production</td></tr>
 *   <tr><td>material</td><td>material-control</td></tr>
 *   <tr><td>affairs</td><td>general-affairs</td></tr>
 *   <tr><td>gm</td><td>general-manager</td></tr>
 *   <tr><td>owner</td><td>process-owners</td></tr>
 * </table>
 *
 * <p>Give every user at least one group: the shared Tasklist filters use {@code
 * ${currentUserGroups()}}, which the engine rejects for a user without groups.
 */
@Component
public class DemoUsers {

  private static final Logger LOG = LoggerFactory.getLogger(DemoUsers.class);

  /** Id of the administrator created by the starter in the demo profile. */
  public static final String ADMIN_USER_ID = "admin";

  /** A demo user: id (= password), names and its only group. */
  public record DemoUser(String id, String firstName, String lastName, String groupId) {

    public String email() {
      return id + "@example.com";
    }
  }

  /** One demo user per group of {@link Groups}, in the same order. */
  public static final List<DemoUser> DEMO_USERS =
      List.of(
          new DemoUser("clerk", "Clara", "Customer Service", Groups.CUSTOMER_SERVICE),
          new DemoUser("sales", "Sam", "Sales", Groups.SALES),
          new DemoUser("salesmanager", "Sonia", "Sales Manager", Groups.SALES_MANAGEMENT),
          new DemoUser("quality", "Quentin", "Quality", Groups.QUALITY),
          new DemoUser("qualitymanager", "Quinn", "Quality Manager", Groups.QUALITY_MANAGEMENT),
          new DemoUser("engineer", "Ethan", "Engineer", Groups.ENGINEERING),
          new DemoUser("production", "Paula", "Production", Groups.PRODUCTION),
          new DemoUser("material", "Mia", "Material Control", Groups.MATERIAL_CONTROL),
          new DemoUser("affairs", "Alice", "General Affairs", Groups.GENERAL_AFFAIRS),
          new DemoUser("gm", "Grace", "General Manager", Groups.GENERAL_MANAGER),
          new DemoUser("owner", "Oscar", "Process Owner", Groups.PROCESS_OWNERS));

  private final IdentityService identityService;
  private final boolean enabled;

  public DemoUsers(
      IdentityService identityService, @Value("${qms.demo.users:false}") boolean enabled) {
    this.identityService = identityService;
    this.enabled = enabled;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(2)
  public void onApplicationReady() {
    setUp();
  }

  /** Creates whatever is missing (nothing unless enabled); safe to call any number of times. */
  public void setUp() {
    if (enabled) {
      createDemoUsers();
      addAdminToAllGroups();
    }
  }

  void createDemoUsers() {
    for (DemoUser demo : DEMO_USERS) {
      if (!userExists(demo.id())) {
        User user = identityService.newUser(demo.id());
        user.setFirstName(demo.firstName());
        user.setLastName(demo.lastName());
        user.setEmail(demo.email());
        user.setPassword(demo.id());
        identityService.saveUser(user);
        LOG.info("Created demo user {} (password = user id)", demo.id());
      }
      addMembership(demo.id(), demo.groupId());
    }
  }

  void addAdminToAllGroups() {
    if (!userExists(ADMIN_USER_ID)) {
      return;
    }
    for (String groupId : Groups.all()) {
      addMembership(ADMIN_USER_ID, groupId);
    }
  }

  private boolean userExists(String userId) {
    return identityService.createUserQuery().userId(userId).count() > 0;
  }

  private void addMembership(String userId, String groupId) {
    if (identityService.createUserQuery().userId(userId).memberOfGroup(groupId).count() == 0) {
      identityService.createMembership(userId, groupId);
    }
  }
}
