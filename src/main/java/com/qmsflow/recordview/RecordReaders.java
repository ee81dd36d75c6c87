package com.qmsflow.recordview;

import com.qmsflow.access.Reader;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.stereotype.Component;

/**
 * Who reads a record: on a page the user of the Camunda webapps' login session (as the shell shows
 * it), on {@code /api} the engine's current authentication (HTTP Basic or the same session, set by
 * the authentication filter). The groups are read again from the identity service, so a membership
 * removed in Admin takes effect at once.
 */
@Component
public class RecordReaders {

  private static final String ENGINE = "default";

  private final IdentityService identityService;

  public RecordReaders(IdentityService identityService) {
    this.identityService = identityService;
  }

  /** The signed-in user of the page's session, if any. */
  public Optional<Reader> ofPage(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    Authentications authentications =
        session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
    if (authentications == null) {
      return Optional.empty();
    }
    org.camunda.bpm.webapp.impl.security.auth.Authentication authentication =
        authentications.getAuthenticationForProcessEngine(ENGINE);
    return authentication instanceof UserAuthentication user
        ? Optional.of(reader(user.getIdentityId()))
        : Optional.empty();
  }

  /** The authenticated caller of an {@code /api} request. */
  public Optional<Reader> ofApi() {
    Authentication current = identityService.getCurrentAuthentication();
    return current == null || current.getUserId() == null
        ? Optional.empty()
        : Optional.of(reader(current.getUserId()));
  }

  private Reader reader(String userId) {
    Authentication current = identityService.getCurrentAuthentication();
    identityService.clearAuthentication();
    try {
      Set<String> groups =
          identityService.createGroupQuery().groupMember(userId).list().stream()
              .map(Group::getId)
              .collect(Collectors.toUnmodifiableSet());
      return new Reader(userId, groups);
    } finally {
      if (current != null) {
        identityService.setAuthentication(current);
      }
    }
  }
}
