package com.qmsflow.identity;

import java.util.List;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Whether a user id names a user of the process engine, whoever asks. Camunda's user query applies
 * the asking user's READ permission on users, and staff have none: as {@code quality}, naming
 * {@code engineer} in an 8D team looked like naming nobody. Whether someone can be given work is
 * not a question of what the submitter may read, so the look-up runs without authorization checks
 * (inside or outside a command) and answers only yes or no.
 */
@Component
public class UserDirectory {

  private final ProcessEngineConfigurationImpl engine;

  public UserDirectory(@Lazy ProcessEngineConfigurationImpl engine) {
    this.engine = engine;
  }

  public boolean exists(String userId) {
    if (userId == null || userId.isBlank()) {
      return false;
    }
    return engine
        .getCommandExecutorTxRequired()
        .execute(
            context ->
                context.runWithoutAuthorization(
                    () ->
                        context.getReadOnlyIdentityProvider().findUserById(userId.trim()) != null));
  }

  /** A user as a pick list shows it: the id and the name. */
  public record Member(String id, String name) {}

  /**
   * The members of a group, by id, for a pick list of who may be named (e.g. a customer's sales
   * rep): ids and names only, whoever asks.
   */
  public List<Member> membersOf(String groupId) {
    return engine
        .getCommandExecutorTxRequired()
        .execute(
            context ->
                context.runWithoutAuthorization(
                    () ->
                        context
                            .getReadOnlyIdentityProvider()
                            .createUserQuery(context)
                            .memberOfGroup(groupId)
                            .orderByUserId()
                            .asc()
                            .list()
                            .stream()
                            .map(
                                u ->
                                    new Member(
                                        u.getId(),
                                        String.join(
                                                " ",
                                                u.getFirstName() == null ? "" : u.getFirstName(),
                                                u.getLastName() == null ? "" : u.getLastName())
                                            .trim()))
                            .toList()));
  }

  /** Whether the user exists and is a member of the group (e.g. a customer's sales rep). */
  public boolean isMemberOf(String userId, String groupId) {
    if (userId == null || userId.isBlank() || groupId == null) {
      return false;
    }
    return engine
        .getCommandExecutorTxRequired()
        .execute(
            context ->
                context.runWithoutAuthorization(
                    () ->
                        context
                                .getReadOnlyIdentityProvider()
                                .createUserQuery(context)
                                .userId(userId.trim())
                                .memberOfGroup(groupId)
                                .count()
                            > 0));
  }
}
