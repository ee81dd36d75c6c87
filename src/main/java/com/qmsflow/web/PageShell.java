package com.qmsflow.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What the layout ({@code templates/layout.html}) needs on every page of a {@link PageController}:
 * the signed-in user of the Camunda webapps' login session (the same session Tasklist and Cockpit
 * use, and with which the pages' scripts call {@code /api}), the language chosen by {@link
 * WebLocale}, the plant's time zone and the path (for the navigation). Without a signed-in user the
 * layout shows a sign-in hint instead of the page.
 */
@ControllerAdvice(annotations = PageController.class)
public class PageShell {

  private static final String ENGINE = "default";

  /**
   * @param user the signed-in user's id, {@code null} when nobody is signed in
   * @param userName the user as shown: the name Admin records and the id, e.g. {@code Li Lei
   *     (sales)}
   * @param language {@code zh} or {@code en}
   * @param zone the plant's time zone id, e.g. {@code Asia/Shanghai}
   * @param now the time of the page, plant-local
   * @param path the request's path within the application
   * @param groups the signed-in user's groups (empty without a user), as Camunda's identity service
   *     has them now: a page shows or refuses by them, as the API does
   */
  public record Shell(
      String user,
      String userName,
      String language,
      String zone,
      String now,
      String path,
      Set<String> groups) {

    /** Whether the navigation entry for {@code prefix} is the current page. */
    public boolean at(String prefix) {
      return path.startsWith(prefix);
    }

    /** Whether the signed-in user is in one of these groups. */
    public boolean inAny(Collection<String> anyOf) {
      return anyOf.stream().anyMatch(groups::contains);
    }
  }

  private final ObjectProvider<IdentityService> identityService;
  private final PlantTime plantTime;
  private final PageTexts pageTexts;

  public PageShell(
      ObjectProvider<IdentityService> identityService, PlantTime plantTime, PageTexts pageTexts) {
    this.identityService = identityService;
    this.plantTime = plantTime;
    this.pageTexts = pageTexts;
  }

  /** The texts of a page's script: {@code ${pageTexts.json('dashboard.js.')}}. */
  @ModelAttribute("pageTexts")
  public PageTexts pageTexts() {
    return pageTexts;
  }

  @ModelAttribute("shell")
  public Shell shell(HttpServletRequest request) {
    String user = signedInUser(request).orElse(null);
    return new Shell(
        user,
        user == null ? null : nameOf(user),
        WebLocale.of(request).getLanguage(),
        plantTime.zone().getId(),
        plantTime.now(),
        request.getRequestURI().substring(request.getContextPath().length()),
        user == null ? Set.of() : groupsOf(user));
  }

  private Set<String> groupsOf(String userId) {
    return identityService.getObject().createGroupQuery().groupMember(userId).list().stream()
        .map(Group::getId)
        .collect(Collectors.toUnmodifiableSet());
  }

  /** The user of the Camunda webapps' login session in this browser, if any. */
  static Optional<String> signedInUser(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    Authentications authentications =
        session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
    if (authentications == null) {
      return Optional.empty();
    }
    Authentication authentication = authentications.getAuthenticationForProcessEngine(ENGINE);
    return authentication instanceof UserAuthentication user
        ? Optional.of(user.getIdentityId())
        : Optional.empty();
  }

  private String nameOf(String userId) {
    User user = identityService.getObject().createUserQuery().userId(userId).singleResult();
    if (user == null) {
      return userId;
    }
    String name =
        ((user.getFirstName() == null ? "" : user.getFirstName())
                + " "
                + (user.getLastName() == null ? "" : user.getLastName()))
            .trim();
    return name.isEmpty() ? userId : name + " (" + userId + ")";
  }
}
