package com.qmsflow.reports;

import com.qmsflow.identity.Groups;
import com.qmsflow.web.ForbiddenException;
import com.qmsflow.web.PageShell.Shell;
import java.util.Collection;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Who may read the reports to management: management (sales management, the general manager),
 * quality management (the management representative) and administrators, the groups that read every
 * complaint and 8D report anyway (the monthly report names complaints with their causes). Reading
 * includes generating a report on demand: it writes nothing. For the layout's navigation: {@code
 * ${@reportAccess.mayRead(shell)}}.
 */
@Component("reportAccess")
public class ReportAccess {

  public static final List<String> READERS =
      List.of(
          Groups.QUALITY_MANAGEMENT,
          Groups.GENERAL_MANAGER,
          Groups.SALES_MANAGEMENT,
          org.camunda.bpm.engine.authorization.Groups.CAMUNDA_ADMIN);

  private final IdentityService identityService;

  public ReportAccess(IdentityService identityService) {
    this.identityService = identityService;
  }

  public boolean mayRead(Shell shell) {
    return shell.inAny(READERS);
  }

  static boolean mayRead(Collection<String> groups) {
    return READERS.stream().anyMatch(groups::contains);
  }

  /** The caller of an API request if a reader; 403 otherwise (in the caller's language). */
  String requireReader() {
    Authentication user = identityService.getCurrentAuthentication();
    if (user == null || user.getUserId() == null) {
      throw new ForbiddenException("reports.loginRequired");
    }
    List<String> groups = user.getGroupIds() == null ? List.of() : user.getGroupIds();
    if (!mayRead(groups)) {
      throw new ForbiddenException(
          "reports.readersOnly", user.getUserId(), String.join(", ", READERS));
    }
    return user.getUserId();
  }
}
