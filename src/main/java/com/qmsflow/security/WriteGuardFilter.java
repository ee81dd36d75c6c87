package com.qmsflow.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.qmsflow.security.WritePolicy.Api;
import com.qmsflow.security.WritePolicy.BodyCheck;
import com.qmsflow.security.WritePolicy.Rule;
import com.qmsflow.web.ApiProblems;
import com.qmsflow.web.WebLocale;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Enforces {@link WritePolicy} on {@code /engine-rest/**}, {@code /camunda/api/**} and {@code
 * /api/**}: a write that no rule admits is answered 403 (in the caller's language) before anything
 * runs, and logged once as a warning with user and operation, so an administrator sees probing.
 * Runs after {@link RestAuthenticationFilter}; on {@code /camunda/api/**} the user is the one of
 * the webapps' login session.
 */
public class WriteGuardFilter extends OncePerRequestFilter {

  private static final Logger LOG = LoggerFactory.getLogger(WriteGuardFilter.class);

  private static final Pattern WEBAPP_ENGINE =
      Pattern.compile("^/camunda/api/engine/engine/[^/]+(/.*)?$");
  private static final Pattern ENGINE_REST_NAMED = Pattern.compile("^/engine/[^/]+(/.*)?$");
  private static final Pattern TASK = Pattern.compile("^/task/([^/]+)$");
  private static final Set<String> PLAIN_START_FIELDS =
      Set.of("variables", "businessKey", "caseInstanceId", "withVariablesInReturn");
  private static final int MAX_INSPECTED_BODY = 1 << 20;

  /** Camunda REST's date format ({@code yyyy-MM-dd'T'HH:mm:ss.SSSZ}), also without millis. */
  private static final DateTimeFormatter CAMUNDA_DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSS]Z");

  private final ObjectProvider<IdentityService> identityService;
  private final ObjectProvider<ProcessEngineConfigurationImpl> engine;
  private final ApiProblems problems;
  private final ObjectMapper json = new ObjectMapper();

  public WriteGuardFilter(
      ObjectProvider<IdentityService> identityService,
      ObjectProvider<ProcessEngineConfigurationImpl> engine,
      ApiProblems problems) {
    this.identityService = identityService;
    this.engine = engine;
    this.problems = problems;
  }

  /** Where a request goes: the API and the path below its root, or empty when no rule applies. */
  record Target(Api api, String path) {}

  static Optional<Target> target(String uri) {
    if (uri.startsWith("/engine-rest")) {
      String path = uri.substring("/engine-rest".length());
      Matcher named = ENGINE_REST_NAMED.matcher(path);
      if (named.matches()) {
        path = named.group(1) == null ? "" : named.group(1);
      }
      return Optional.of(new Target(Api.ENGINE, path));
    }
    if (uri.startsWith("/camunda/api/")) {
      Matcher engineApi = WEBAPP_ENGINE.matcher(uri);
      if (engineApi.matches()) {
        return Optional.of(
            new Target(Api.ENGINE, engineApi.group(1) == null ? "" : engineApi.group(1)));
      }
      return Optional.of(new Target(Api.WEBAPP, uri.substring("/camunda/api".length())));
    }
    if (uri.startsWith("/api/")) {
      return Optional.of(new Target(Api.PROJECT, uri.substring("/api".length())));
    }
    return Optional.empty();
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String method = request.getMethod().toUpperCase(Locale.ROOT);
    if (!WritePolicy.isWrite(method)) {
      chain.doFilter(request, response);
      return;
    }
    String uri = request.getRequestURI().substring(request.getContextPath().length());
    Optional<Target> target = target(normalise(uri));
    if (target.isEmpty()) {
      chain.doFilter(request, response);
      return;
    }
    Caller caller = caller(request, target.get().api());
    if (WritePolicy.isAdministrator(caller.groups())) {
      chain.doFilter(request, response);
      return;
    }
    Optional<Rule> rule =
        WritePolicy.find(
            target.get().api(), method, target.get().path(), caller.userId(), caller.groups());
    HttpServletRequest passed = request;
    String bodyRefusal = null;
    if (rule.isPresent() && rule.get().bodyCheck() != BodyCheck.NONE) {
      CachedBodyRequest cached = new CachedBodyRequest(request);
      passed = cached;
      bodyRefusal = checkBody(rule.get().bodyCheck(), target.get().path(), cached);
    }
    if (rule.isPresent() && bodyRefusal == null) {
      chain.doFilter(passed, response);
      return;
    }
    refuse(request, response, caller, method, uri, target.get(), bodyRefusal);
  }

  /** Collapses "//" and removes "/./" so that a path cannot slip past the rules by its spelling. */
  static String normalise(String uri) {
    String path = uri.replaceAll("/{2,}", "/").replace("/./", "/");
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  record Caller(String userId, List<String> groups) {}

  private Caller caller(HttpServletRequest request, Api api) {
    if (api != Api.WEBAPP
        && !request.getRequestURI().startsWith(request.getContextPath() + "/camunda/")) {
      IdentityService identity = identityService.getIfAvailable();
      Authentication current = identity == null ? null : identity.getCurrentAuthentication();
      if (current != null && current.getUserId() != null) {
        return new Caller(
            current.getUserId(), current.getGroupIds() == null ? List.of() : current.getGroupIds());
      }
    }
    HttpSession session = request.getSession(false);
    Authentications authentications =
        session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
    if (authentications != null) {
      for (org.camunda.bpm.webapp.impl.security.auth.Authentication a :
          authentications.getAuthentications()) {
        if (a instanceof UserAuthentication user) {
          return new Caller(
              user.getIdentityId(),
              user.getGroupIds() == null ? List.of() : List.copyOf(user.getGroupIds()));
        }
      }
    }
    return new Caller(null, List.of());
  }

  /** Null when the body is what the rule allows, else why not. */
  private String checkBody(BodyCheck check, String path, CachedBodyRequest request) {
    if (request.oversized()) {
      return "body (over " + MAX_INSPECTED_BODY + " bytes)";
    }
    byte[] body = request.body();
    JsonNode node;
    try {
      node = body.length == 0 ? json.createObjectNode() : json.readTree(body);
    } catch (IOException e) {
      return null; // not JSON: the endpoint answers 400 itself and changes nothing
    }
    if (node == null || !node.isObject()) {
      return null;
    }
    return switch (check) {
      case NONE -> null;
      case PLAIN_START -> {
        for (var names = node.fieldNames(); names.hasNext(); ) {
          String name = names.next();
          JsonNode value = node.get(name);
          boolean harmless = value.isNull() || value.isBoolean() && !value.booleanValue();
          if (!PLAIN_START_FIELDS.contains(name) && !harmless) {
            yield name;
          }
        }
        yield null;
      }
      case FOLLOW_UP_ONLY -> {
        Matcher m = TASK.matcher(path);
        yield m.matches() ? changedBesidesFollowUp(m.group(1), node) : null;
      }
    };
  }

  /** The first field other than the follow-up date that the update would change, or null. */
  private String changedBesidesFollowUp(String taskId, JsonNode body) {
    ProcessEngineConfigurationImpl configuration = engine.getIfAvailable();
    if (configuration == null) {
      return "engine";
    }
    TaskEntity task =
        configuration
            .getCommandExecutorTxRequired()
            .execute(
                context ->
                    context.runWithoutAuthorization(
                        () -> context.getTaskManager().findTaskById(taskId)));
    if (task == null) {
      return null; // the engine answers 404
    }
    Map<String, String> current = new LinkedHashMap<>();
    current.put("name", task.getName());
    current.put("description", task.getDescription());
    current.put("assignee", task.getAssignee());
    current.put("owner", task.getOwner());
    current.put("parentTaskId", task.getParentTaskId());
    current.put("caseInstanceId", task.getCaseInstanceId());
    current.put("tenantId", task.getTenantId());
    for (Map.Entry<String, String> field : current.entrySet()) {
      if (!Objects.equals(text(body, field.getKey()), field.getValue())) {
        return field.getKey();
      }
    }
    if (!body.path("priority").isInt() || body.get("priority").intValue() != task.getPriority()) {
      return "priority";
    }
    String delegation = text(body, "delegationState");
    if (delegation != null
        && !delegation.equals(
            task.getDelegationState() == null ? null : task.getDelegationState().name())) {
      return "delegationState";
    }
    if (!sameInstant(text(body, "due"), task.getDueDate())) {
      return "due";
    }
    return null;
  }

  private static String text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static boolean sameInstant(String given, Date current) {
    if (given == null || current == null) {
      return given == null && current == null;
    }
    try {
      return OffsetDateTime.parse(given, CAMUNDA_DATE).toInstant().equals(current.toInstant());
    } catch (DateTimeParseException e) {
      try {
        return Instant.parse(given).equals(current.toInstant());
      } catch (DateTimeParseException again) {
        return false;
      }
    }
  }

  private void refuse(
      HttpServletRequest request,
      HttpServletResponse response,
      Caller caller,
      String method,
      String uri,
      Target target,
      String bodyField)
      throws IOException {
    Optional<Rule> rule = WritePolicy.ruleFor(target.api(), method, target.path());
    String operation = method + " " + uri;
    LOG.warn(
        "Refused {} for user {} (groups {}): {}",
        operation,
        caller.userId() == null ? "(not logged in)" : caller.userId(),
        caller.groups(),
        bodyField != null
            ? "the request changes " + bodyField
            : rule.map(r -> "allowed for " + r.audienceText()).orElse("only administrators may"));
    if (caller.userId() == null) {
      response.setHeader(
          "WWW-Authenticate",
          "Basic realm=\"" + RestAuthenticationFilter.REALM + "\", charset=\"UTF-8\"");
      write(
          request,
          response,
          target,
          HttpStatus.UNAUTHORIZED,
          "AuthenticationException",
          "guard.loginRequired");
      return;
    }
    boolean chinese = WebLocale.CHINESE.equals(WebLocale.of(request));
    if (bodyField != null) {
      write(
          request,
          response,
          target,
          HttpStatus.FORBIDDEN,
          "AuthorizationException",
          "guard.bodyField",
          caller.userId(),
          label(bodyField, chinese),
          bodyField,
          rule.map(r -> chinese ? r.whatZh() : r.what()).orElse(""));
    } else if (rule.isPresent()) {
      write(
          request,
          response,
          target,
          HttpStatus.FORBIDDEN,
          "AuthorizationException",
          "guard.operation",
          caller.userId(),
          operation,
          chinese ? rule.get().whatZh() : rule.get().what(),
          rule.get().audienceText());
    } else {
      write(
          request,
          response,
          target,
          HttpStatus.FORBIDDEN,
          "AuthorizationException",
          "guard.administratorsOnly",
          caller.userId(),
          operation);
    }
  }

  /** What a refused body field means to the user (English or Chinese); the field name otherwise. */
  static String label(String field, boolean chinese) {
    String[] labels =
        switch (field) {
          case "due" -> new String[] {"the due date", "到期日"};
          case "priority" -> new String[] {"the priority", "优先级"};
          case "name" -> new String[] {"the task's name", "任务名称"};
          case "description" -> new String[] {"the task's description", "任务描述"};
          case "assignee" -> new String[] {"the assignee (use claim or assign)", "处理人（请用认领或指派）"};
          case "owner" -> new String[] {"the owner", "所有者"};
          case "startInstructions" -> new String[] {"where the process starts", "流程起点"};
          case "skipCustomListeners", "skipIoMappings" ->
              new String[] {"the process's own listeners and mappings", "流程自身的监听器与映射"};
          default -> new String[] {field, field};
        };
    return chinese ? labels[1] : labels[0];
  }

  /**
   * The refusal in the caller's language: on {@code /api/**} a problem ({@code
   * application/problem+json}), on the engine REST API and the webapps' API in Camunda's shape
   * {@code {"type", "message"}}.
   */
  private void write(
      HttpServletRequest request,
      HttpServletResponse response,
      Target target,
      HttpStatus status,
      String camundaType,
      String key,
      Object... arguments)
      throws IOException {
    if (target.api() == Api.PROJECT) {
      problems.write(request, response, status, key, arguments);
      return;
    }
    response.setStatus(status.value());
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    var body = json.createObjectNode();
    body.put("type", camundaType);
    body.put("message", problems.text(key, arguments, WebLocale.of(request)));
    response.getWriter().write(json.writeValueAsString(body));
  }

  /** Reads the body once so a rule can look at it and the endpoint still gets all of it. */
  static final class CachedBodyRequest extends HttpServletRequestWrapper {

    private final byte[] body;

    CachedBodyRequest(HttpServletRequest request) throws IOException {
      super(request);
      byte[] all = request.getInputStream().readNBytes(MAX_INSPECTED_BODY + 1);
      this.body = all;
    }

    byte[] body() {
      return body;
    }

    boolean oversized() {
      return body.length > MAX_INSPECTED_BODY;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException();
        }

        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      String encoding =
          getCharacterEncoding() == null ? StandardCharsets.UTF_8.name() : getCharacterEncoding();
      return new BufferedReader(
          new InputStreamReader(getInputStream(), java.nio.charset.Charset.forName(encoding)));
    }
  }
}
