package com.qmsflow.notification;

import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Mail addresses of Camunda users and group members; users without an e-mail address receive no
 * mail.
 */
@Component
public class RecipientDirectory {

  /** A user who receives mail. */
  public record MailUser(String userId, String email, String name) {}

  private final IdentityService identityService;

  public RecipientDirectory(IdentityService identityService) {
    this.identityService = identityService;
  }

  /** Members of the group that have an e-mail address, ordered by user id. */
  public List<MailUser> membersOf(String groupId) {
    return identityService
        .createUserQuery()
        .memberOfGroup(groupId)
        .orderByUserId()
        .asc()
        .list()
        .stream()
        .map(RecipientDirectory::mailUser)
        .flatMap(Optional::stream)
        .toList();
  }

  public Optional<MailUser> user(String userId) {
    User user = identityService.createUserQuery().userId(userId).singleResult();
    return user == null ? Optional.empty() : mailUser(user);
  }

  private static Optional<MailUser> mailUser(User user) {
    if (!StringUtils.hasText(user.getEmail())) {
      return Optional.empty();
    }
    String name =
        ((user.getFirstName() == null ? "" : user.getFirstName())
                + " "
                + (user.getLastName() == null ? "" : user.getLastName()))
            .trim();
    return Optional.of(
        new MailUser(user.getId(), user.getEmail().trim(), name.isEmpty() ? user.getId() : name));
  }
}
