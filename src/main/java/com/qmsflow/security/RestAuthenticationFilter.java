package com.qmsflow.security;

import com.qmsflow.web.ApiProblems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Principal;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.camunda.bpm.webapp.impl.security.filter.util.CsrfConstants;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates every request to {@code /engine-rest/**} and {@code /api/**} and makes the user the
 * engine's current authentication for the request, so that Camunda's authorization checks apply to
 * everything the request does.
 *
 * <ul>
 *   <li>HTTP Basic against Camunda's identity service: what Camunda Modeler, scripts and other
 *       systems send.
 *   <li>On {@code /api/**} only, also the session of a user logged into the Camunda webapps, so
 *       that pages opened from Tasklist (evidence upload) need no second login. A state-changing
 *       request on that session must carry the webapps' CSRF token ({@code X-XSRF-TOKEN}), exactly
 *       as the webapps' own API demands: a foreign page cannot ride on the session.
 * </ul>
 *
 * Anything else is answered {@code 401} with a {@code WWW-Authenticate} challenge and no data (on
 * {@code /api/**} as a problem, {@code application/problem+json}; on {@code /engine-rest/**} in
 * Camunda's shape {@code {"type", "message"}}).
 */
public class RestAuthenticationFilter extends OncePerRequestFilter {

  static final String REALM = "complaint-handling";
  private static final String ENGINE = "default";

  /** A user established for one request. */
  record RequestUser(String userId, List<String> groupIds, List<String> tenantIds) {}

  private final IdentityService identityService;
  private final VerifiedCredentials verifiedCredentials;
  private final boolean acceptWebappSession;
  private final ApiProblems problems;

  /**
   * @param verifiedCredentials Basic credentials accepted a moment ago, shared by the filters
   * @param acceptWebappSession whether a Camunda webapp login session authenticates too (for {@code
   *     /api/**}, not for {@code /engine-rest/**})
   */
  public RestAuthenticationFilter(
      IdentityService identityService,
      VerifiedCredentials verifiedCredentials,
      boolean acceptWebappSession) {
    this.identityService = identityService;
    this.verifiedCredentials = verifiedCredentials;
    this.acceptWebappSession = acceptWebappSession;
    this.problems = null;
  }

  /**
   * For {@code /api/**}: also the webapps' login session, and refusals as problems ({@code
   * application/problem+json} in the caller's language).
   */
  RestAuthenticationFilter(
      IdentityService identityService,
      VerifiedCredentials verifiedCredentials,
      ApiProblems problems) {
    this.identityService = identityService;
    this.verifiedCredentials = verifiedCredentials;
    this.acceptWebappSession = true;
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if ("OPTIONS".equals(request.getMethod())) {
      chain.doFilter(request, response);
      return;
    }
    String header = request.getHeader("Authorization");
    Optional<RequestUser> user;
    if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
      user = fromBasic(header.substring(6).trim());
      if (user.isEmpty()) {
        challenge(request, response, "wrong user name or password", "auth.wrongCredentials");
        return;
      }
    } else if (acceptWebappSession) {
      HttpSession session = request.getSession(false);
      user = session == null ? Optional.empty() : fromWebappSession(session);
      if (user.isPresent() && !isSafe(request.getMethod()) && !csrfTokenMatches(request, session)) {
        if (problems != null) {
          problems.write(request, response, HttpStatus.FORBIDDEN, "auth.csrf");
          return;
        }
        reject(
            response,
            HttpServletResponse.SC_FORBIDDEN,
            "the request uses the Tasklist login but lacks its CSRF token (header X-XSRF-TOKEN)");
        return;
      }
    } else {
      user = Optional.empty();
    }
    if (user.isEmpty()) {
      challenge(
          request,
          response,
          "authentication required: HTTP Basic with a user of the process engine",
          "auth.required");
      return;
    }
    RequestUser u = user.get();
    identityService.setAuthentication(u.userId(), u.groupIds(), u.tenantIds());
    try {
      chain.doFilter(new AuthenticatedRequest(request, u), response);
    } finally {
      identityService.clearAuthentication();
    }
  }

  private Optional<RequestUser> fromBasic(String encoded) {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      return Optional.empty();
    }
    String userId = decoded.substring(0, colon);
    String password = decoded.substring(colon + 1);
    Optional<RequestUser> verified = verifiedCredentials.find(userId, password);
    if (verified.isPresent()) {
      return verified;
    }
    // checkPassword applies Camunda's login throttling after failed attempts
    if (!identityService.checkPassword(userId, password)) {
      return Optional.empty();
    }
    RequestUser user = new RequestUser(userId, groupsOf(userId), tenantsOf(userId));
    verifiedCredentials.remember(userId, password, user);
    return Optional.of(user);
  }

  private Optional<RequestUser> fromWebappSession(HttpSession session) {
    Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
    if (authentications == null) {
      return Optional.empty();
    }
    Authentication authentication = authentications.getAuthenticationForProcessEngine(ENGINE);
    if (!(authentication instanceof UserAuthentication userAuthentication)) {
      return Optional.empty();
    }
    // Re-read the groups: a membership removed in Admin takes effect at once.
    String userId = userAuthentication.getIdentityId();
    if (identityService.createUserQuery().userId(userId).count() == 0) {
      return Optional.empty();
    }
    return Optional.of(new RequestUser(userId, groupsOf(userId), tenantsOf(userId)));
  }

  private List<String> groupsOf(String userId) {
    return identityService.createGroupQuery().groupMember(userId).list().stream()
        .map(Group::getId)
        .toList();
  }

  private List<String> tenantsOf(String userId) {
    return identityService
        .createTenantQuery()
        .userMember(userId)
        .includingGroupsOfUser(true)
        .list()
        .stream()
        .map(Tenant::getId)
        .toList();
  }

  private static boolean isSafe(String method) {
    return "GET".equals(method) || "HEAD".equals(method);
  }

  private static boolean csrfTokenMatches(HttpServletRequest request, HttpSession session) {
    Object expected = session.getAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME);
    String given = request.getHeader(CsrfConstants.CSRF_TOKEN_HEADER_NAME);
    return expected instanceof String token
        && given != null
        && MessageDigest.isEqual(
            token.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }

  private void challenge(
      HttpServletRequest request, HttpServletResponse response, String message, String key)
      throws IOException {
    response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
    if (problems != null) {
      problems.write(request, response, HttpStatus.UNAUTHORIZED, key);
      return;
    }
    reject(response, HttpServletResponse.SC_UNAUTHORIZED, message);
  }

  /**
   * The request as its user made it: {@code getRemoteUser()} is the user id and {@code
   * isUserInRole(group)} says whether the user is a member of that group, so controllers know who
   * asks through the servlet API alone.
   */
  static final class AuthenticatedRequest extends HttpServletRequestWrapper {

    private final RequestUser user;

    AuthenticatedRequest(HttpServletRequest request, RequestUser user) {
      super(request);
      this.user = user;
    }

    @Override
    public String getRemoteUser() {
      return user.userId();
    }

    @Override
    public Principal getUserPrincipal() {
      return user::userId;
    }

    @Override
    public boolean isUserInRole(String group) {
      return user.groupIds().contains(group);
    }
  }

  static void reject(HttpServletResponse response, int status, String message) throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    String type =
        status == HttpServletResponse.SC_UNAUTHORIZED
            ? "AuthenticationException"
            : "AuthorizationException";
    response
        .getWriter()
        .write("{\"type\":\"" + type + "\",\"message\":\"" + message.replace("\"", "'") + "\"}");
  }
}
