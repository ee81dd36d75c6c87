package com.qmsflow.identity;

import java.util.List;
import java.util.function.BiFunction;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.ReadOnlyIdentityProvider;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
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
    return withoutAuthorization(
        (identity, context) -> identity.findUserById(userId.trim()) != null);
  }

  /** A user as a pick list shows it: the id and the name. */
  public record Member(String id, String name) {}

  /**
   * The members of a group, by id, for a pick list of who may be named (e.g. a customer's sales
   * rep): ids and names only, whoever asks.
   */
  public List<Member> membersOf(String groupId) {
    return withoutAuthorization(
        (identity, context) ->
            identity
                .createUserQuery(context)
                .memberOfGroup(groupId)
                .orderByUserId()
                .asc()
                .list()
                .stream()
                .map(u -> new Member(u.getId(), name(u)))
                .toList());
  }

  /** Whether the user exists and is a member of the group (e.g. a customer's sales rep). */
  public boolean isMemberOf(String userId, String groupId) {
    if (userId == null || userId.isBlank() || groupId == null) {
      return false;
    }
    return withoutAuthorization(
        (identity, context) ->
            identity.createUserQuery(context).userId(userId.trim()).memberOfGroup(groupId).count()
                > 0);
  }

  private static String name(User user) {
    return String.join(
            " ",
            user.getFirstName() == null ? "" : user.getFirstName(),
            user.getLastName() == null ? "" : user.getLastName())
        .trim();
  }

  /** A look-up in the engine's identity provider, in a command, without authorization checks. */
  private <T> T withoutAuthorization(
      BiFunction<ReadOnlyIdentityProvider, CommandContext, T> lookUp) {
    return engine
        .getCommandExecutorTxRequired()
        .execute(
            context ->
                context.runWithoutAuthorization(
                    () -> lookUp.apply(context.getReadOnlyIdentityProvider(), context)));
  }
}
