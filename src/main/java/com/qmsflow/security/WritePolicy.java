package com.qmsflow.security;

import com.qmsflow.identity.Groups;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who may change what over HTTP: every write ({@code POST}, {@code PUT}, {@code DELETE}, {@code
 * PATCH}) to the engine REST API ({@code /engine-rest/**}), to the webapps' copy of it and their
 * plugins ({@code /camunda/api/**}) and to the project's API ({@code /api/**}) is allowed only by a
 * rule of this list; everything else is refused with 403 before it reaches the engine or a
 * controller, so a refused request changes nothing (no variable, no job retry, no row).
 *
 * <p>Administrators ({@code camunda-admin}) may call everything. For everyone else the list is
 * short on purpose: business data changes through a validated form submission ({@code complete},
 * {@code submit-form}, start forms) or the project's own APIs, never by writing process variables,
 * modifying instances, executing jobs or changing due dates. Where a rule lets any logged-in user
 * through, the engine's authorizations (identity/PermissionModel) or the controller still decide
 * per record: e.g. {@code claim} needs the task's candidate group.
 *
 * <p>docs/security.md lists the same rules per group; {@code security/WriteOwnershipTest}
 * enumerates every write endpoint of the engine REST API and of {@code /api} and proves them.
 */
public final class WritePolicy {

  /** Where a request goes. */
  public enum Api {
    /**
     * The engine REST API, {@code /engine-rest/...} or {@code
     * /camunda/api/engine/engine/{name}/...}.
     */
    ENGINE,
    /** The webapps' own endpoints ({@code /camunda/api/cockpit|admin|tasklist|welcome/...}). */
    WEBAPP,
    /** The project's API, {@code /api/...}. */
    PROJECT
  }

  /** Who a rule lets through. */
  public enum Audience {
    /** Also without a login (the webapps' login form). */
    ANYONE,
    /** Any logged-in user; the engine or the controller decides per record. */
    ANY_USER,
    /** The members of {@link Rule#groups()}. */
    GROUPS,
    /** A user about their own account: the path's first group is the user id. */
    SELF
  }

  /** What a rule checks in the request body before letting it through. */
  public enum BodyCheck {
    NONE,
    /**
     * A process start with variables and business key only: no start instructions, no skipped
     * listeners.
     */
    PLAIN_START,
    /**
     * A task update that changes nothing but the follow-up date (Tasklist's "set follow-up date").
     */
    FOLLOW_UP_ONLY
  }

  /** One allowed write: what it is (English, Chinese), methods, path below the API's root, who. */
  public record Rule(
      String what,
      String whatZh,
      Api api,
      Set<String> methods,
      Pattern path,
      Audience audience,
      Set<String> groups,
      BodyCheck bodyCheck) {

    boolean matches(Api requestApi, String method, String relativePath) {
      return api == requestApi && methods.contains(method) && path.matcher(relativePath).matches();
    }

    boolean admits(String userId, Collection<String> userGroups, String relativePath) {
      return switch (audience) {
        case ANYONE -> true;
        case ANY_USER -> userId != null;
        case GROUPS -> userId != null && userGroups.stream().anyMatch(groups::contains);
        case SELF -> {
          Matcher m = path.matcher(relativePath);
          yield userId != null && m.matches() && m.groupCount() >= 1 && userId.equals(m.group(1));
        }
      };
    }

    /** The groups (or "every user") this rule admits, for messages and the README. */
    public String audienceText() {
      return switch (audience) {
        case ANYONE -> "everyone";
        case ANY_USER -> "every logged-in user";
        case SELF -> "the user about their own account";
        case GROUPS -> String.join(", ", groups);
      };
    }
  }

  public static final String ADMIN = org.camunda.bpm.engine.authorization.Groups.CAMUNDA_ADMIN;
  private static final Set<String> POST = Set.of("POST");
  private static final Set<String> PUT = Set.of("PUT");
  private static final Set<String> PUT_DELETE = Set.of("PUT", "DELETE");
  private static final String ID = "[^/]+";

  private static final List<Rule> RULES =
      List.of(
          // --- engine REST: queries sent as POST (they change nothing; authorizations filter the
          // result)
          anyUser(
              "query (POST with a query body)",
              "查询",
              Api.ENGINE,
              POST,
              "/(task|process-instance|execution|variable-instance|job|job-definition|external-task|case-instance"
                  + "|case-execution)(/count)?"),
          anyUser(
              "query of a saved Tasklist filter",
              "查询任务过滤器",
              Api.ENGINE,
              POST,
              "/filter/" + ID + "/(list|count|singleResult)"),
          anyUser(
              "history query (POST with a query body)",
              "历史查询",
              Api.ENGINE,
              POST,
              "/history/(process-instance|activity-instance|task|variable-instance|detail|decision-instance|job-log|incident"
                  + "|external-task-log|user-operation|identity-link-log|case-instance|case-activity-instance|batch)(/count)?"),
          anyUser(
              "check a password against the password policy",
              "检查密码策略",
              Api.ENGINE,
              POST,
              "/identity/password-policy"),
          // --- engine REST: working on one's tasks (the engine checks the task's candidate group /
          // assignee)
          anyUser(
              "claim, unclaim, assign, delegate, resolve or complete a task, submit its form",
              "认领、退回、指派、委托、解决或完成任务，提交任务表单",
              Api.ENGINE,
              POST,
              "/task/" + ID + "/(claim|unclaim|assignee|delegate|resolve|complete|submit-form)"),
          anyUser(
              "comment on a task", "为任务添加备注", Api.ENGINE, POST, "/task/" + ID + "/comment/create"),
          new Rule(
              "set a task's follow-up date (nothing else of the task)",
              "设置任务的跟进日期（不得修改任务的其他内容）",
              Api.ENGINE,
              PUT,
              Pattern.compile("/task/" + ID),
              Audience.ANY_USER,
              Set.of(),
              BodyCheck.FOLLOW_UP_ONLY),
          // --- engine REST: starting processes through their start form (the engine checks
          // CREATE_INSTANCE)
          new Rule(
              "start a process (variables and business key only)",
              "发起流程（仅变量与业务键）",
              Api.ENGINE,
              POST,
              Pattern.compile(
                  "/process-definition/(key/"
                      + ID
                      + "(/tenant-id/"
                      + ID
                      + ")?|"
                      + ID
                      + ")/(start|submit-form)"),
              Audience.ANY_USER,
              Set.of(),
              BodyCheck.PLAIN_START),
          // --- engine REST: one's own Tasklist filters (the engine checks the filter's owner
          // grants)
          anyUser("create a Tasklist filter", "创建任务过滤器", Api.ENGINE, POST, "/filter/create"),
          anyUser(
              "change or delete a Tasklist filter",
              "修改或删除任务过滤器",
              Api.ENGINE,
              PUT_DELETE,
              "/filter/" + ID),
          new Rule(
              "change one's own profile or password",
              "修改本人资料或密码",
              Api.ENGINE,
              PUT,
              Pattern.compile("/user/(" + ID + ")/(profile|credentials)"),
              Audience.SELF,
              Set.of(),
              BodyCheck.NONE),
          // --- engine REST: Camunda Modeler's deploy button
          groups(
              "deploy models (Camunda Modeler)",
              "部署模型（Camunda Modeler）",
              Api.ENGINE,
              POST,
              "/deployment/create",
              Groups.PROCESS_OWNERS),
          // --- webapps
          new Rule(
              "log in to or out of the webapps",
              "登录或退出 Camunda 网页应用",
              Api.WEBAPP,
              POST,
              Pattern.compile("/admin/auth/user/" + ID + "/(login/" + ID + "|logout)"),
              Audience.ANYONE,
              Set.of(),
              BodyCheck.NONE),
          new Rule(
              "first-run set-up of Admin (closed once a user exists)",
              "管理应用首次设置（已有用户后关闭）",
              Api.WEBAPP,
              POST,
              Pattern.compile("/admin/setup/.*"),
              Audience.ANYONE,
              Set.of(),
              BodyCheck.NONE),
          anyUser(
              "Cockpit queries",
              "Cockpit 查询",
              Api.WEBAPP,
              POST,
              "/cockpit/plugin/base/" + ID + "/.+"),
          // --- the project's API (the controllers decide per record where a rule admits any user)
          groups(
              "register a complaint",
              "登记客诉",
              Api.PROJECT,
              POST,
              "/complaints",
              Groups.CUSTOMER_SERVICE),
          anyUser(
              "upload evidence to a complaint or 8D (holders of one of its open tasks)",
              "上传客诉或 8D 证据（须持有其未完成任务）",
              Api.PROJECT,
              POST,
              "/(complaints|corrective-actions)/" + ID + "/attachments"),
          anyUser(
              "withdraw one's evidence (holders of one of the record's open tasks)",
              "撤回证据（须持有该记录的未完成任务）",
              Api.PROJECT,
              Set.of("DELETE"),
              "/attachments/" + ID),
          // --- the complainant's side (complainant/ComplainantController)
          groups(
              "send a complaint's acknowledgement to the customer, revoke its status link",
              "向客户发送投诉受理确认、撤销其状态链接",
              Api.PROJECT,
              POST,
              "/complaints/" + ID + "/(acknowledgement|status-link/revoke)",
              Groups.CUSTOMER_SERVICE,
              Groups.SALES,
              Groups.SALES_MANAGEMENT),
          groups(
              "set how a customer's complaints are acknowledged and its contacts' languages",
              "设置客户投诉的受理确认方式及联系人语言",
              Api.PROJECT,
              PUT,
              "/customers/" + ID + "/complainant-settings",
              Groups.CUSTOMER_SERVICE,
              Groups.SALES_MANAGEMENT),
          // --- complaints by mail (mailintake/MailIntakeController)
          groups(
              "register or discard a draft complaint from the complaint mailbox",
              "登记或作废邮件收到的客诉草稿",
              Api.PROJECT,
              POST,
              "/mail-intake/" + ID + "/(register|discard)",
              Groups.CUSTOMER_SERVICE),
          anyUser(
              "send the reply to the customer (the holder of the reply task)",
              "发送客户答复（答复任务的处理人）",
              Api.PROJECT,
              POST,
              "/complaints/" + ID + "/reply-mail"),
          groups(
              "save and delete one's own saved views of the registers (the registers' users)",
              "保存和删除自己的台账视图（台账使用者）",
              Api.PROJECT,
              Set.of("POST", "DELETE"),
              "/register-views(/" + ID + ")?",
              Groups.CUSTOMER_SERVICE,
              Groups.SALES,
              Groups.QUALITY,
              Groups.ENGINEERING,
              Groups.PRODUCTION,
              Groups.MATERIAL_CONTROL,
              Groups.GENERAL_AFFAIRS,
              Groups.SALES_MANAGEMENT,
              Groups.QUALITY_MANAGEMENT,
              Groups.GENERAL_MANAGER),
          groups(
              "raise a contract or order change",
              "提出合同/订单变更",
              Api.PROJECT,
              POST,
              "/changes",
              Groups.SALES,
              Groups.QUALITY,
              Groups.ENGINEERING,
              Groups.PRODUCTION,
              Groups.MATERIAL_CONTROL),
          groups(
              "maintain the defect catalog",
              "维护缺陷代码目录",
              Api.PROJECT,
              PUT,
              "/defect-codes/" + ID,
              Groups.QUALITY_MANAGEMENT),
          groups(
              "maintain the customer archive: customers, their contacts, deactivation",
              "维护客户档案：客户、联系人、停用",
              Api.PROJECT,
              Set.of("POST", "PUT", "DELETE"),
              "/customers(/" + ID + "(/(deactivate|reactivate|contacts(/" + ID + ")?))?)?",
              Groups.CUSTOMER_SERVICE,
              Groups.SALES_MANAGEMENT),
          groups(
              "change a customer's yearly revenue (confidential)",
              "修改客户年度营业额（保密）",
              Api.PROJECT,
              PUT_DELETE,
              "/customers/" + ID + "/revenue/" + ID,
              Groups.SALES_MANAGEMENT),
          // --- customer archive import (customer/CustomerTransferController)
          groups(
              "import customers and contacts from a file (dry run and commit)",
              "从文件导入客户及联系人（试运行与提交）",
              Api.PROJECT,
              POST,
              "/customer-import/customers(/dry-run)?",
              Groups.CUSTOMER_SERVICE,
              Groups.SALES_MANAGEMENT),
          groups(
              "import yearly revenue from a file (dry run and commit; confidential)",
              "从文件导入年度营业额（试运行与提交；保密）",
              Api.PROJECT,
              POST,
              "/customer-import/revenue(/dry-run)?",
              Groups.SALES_MANAGEMENT));

  // The working-day calendar has no rule: only administrators change it.

  private WritePolicy() {}

  public static List<Rule> rules() {
    return RULES;
  }

  public static boolean isWrite(String method) {
    return !("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method));
  }

  /** The rule that admits this request, if any (administrators need none). */
  public static Optional<Rule> find(
      Api api, String method, String relativePath, String userId, Collection<String> groups) {
    String m = method.toUpperCase(Locale.ROOT);
    return RULES.stream()
        .filter(
            rule -> rule.matches(api, m, relativePath) && rule.admits(userId, groups, relativePath))
        .findFirst();
  }

  /** Any rule for this request regardless of the user, to name who may do it in a refusal. */
  public static Optional<Rule> ruleFor(Api api, String method, String relativePath) {
    String m = method.toUpperCase(Locale.ROOT);
    return RULES.stream().filter(rule -> rule.matches(api, m, relativePath)).findFirst();
  }

  public static boolean isAdministrator(Collection<String> groups) {
    return groups != null && groups.contains(ADMIN);
  }

  private static Rule anyUser(
      String what, String whatZh, Api api, Set<String> methods, String path) {
    return new Rule(
        what,
        whatZh,
        api,
        methods,
        Pattern.compile(path),
        Audience.ANY_USER,
        Set.of(),
        BodyCheck.NONE);
  }

  private static Rule groups(
      String what, String whatZh, Api api, Set<String> methods, String path, String... groups) {
    return new Rule(
        what,
        whatZh,
        api,
        methods,
        Pattern.compile(path),
        Audience.GROUPS,
        Set.of(groups),
        BodyCheck.NONE);
  }
}
