package com.qmsflow.pages;

import com.qmsflow.customer.CustomerAccess;
import com.qmsflow.security.WritePolicy;
import com.qmsflow.web.PageShell.Shell;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * Who may open which of the master-data pages and what they may do there, taken from the rules the
 * API applies ({@link CustomerAccess}, {@link WritePolicy}), so a page never offers what the API
 * refuses. The layout asks it for the navigation ({@code ${@pageAccess.customers(shell)}}); the
 * page controllers refuse with the shell's 403 page ({@code templates/forbidden.html}).
 */
@Component("pageAccess")
public class PageAccess {

  /** Who registers complaints: the rule of {@code POST /api/complaints}. */
  static final List<String> REGISTRARS = writers("POST", "/complaints");

  /** Who maintains the defect catalog: the rule of {@code PUT /api/defect-codes/{code}}. */
  static final List<String> DEFECT_CATALOG_OWNERS = writers("PUT", "/defect-codes/X");

  /** The working-day calendar has no write rule: only administrators change it. */
  static final List<String> CALENDAR_OWNERS = List.of(WritePolicy.ADMIN);

  private static List<String> writers(String method, String path) {
    List<String> groups =
        new ArrayList<>(
            WritePolicy.ruleFor(WritePolicy.Api.PROJECT, method, path).orElseThrow().groups());
    groups.sort(null);
    groups.add(WritePolicy.ADMIN);
    return List.copyOf(groups);
  }

  public boolean customers(Shell shell) {
    return shell.inAny(CustomerAccess.READERS);
  }

  public boolean customerEditor(Shell shell) {
    return shell.inAny(CustomerAccess.EDITORS);
  }

  public boolean revenueEditor(Shell shell) {
    return shell.inAny(CustomerAccess.REVENUE_EDITORS);
  }

  public boolean revenueReader(Shell shell) {
    return shell.inAny(CustomerAccess.REVENUE_READERS);
  }

  public boolean registerComplaint(Shell shell) {
    return shell.inAny(REGISTRARS);
  }

  public boolean defectCatalogOwner(Shell shell) {
    return shell.inAny(DEFECT_CATALOG_OWNERS);
  }

  public boolean calendarOwner(Shell shell) {
    return shell.inAny(CALENDAR_OWNERS);
  }

  /**
   * The page itself for a signed-in user of one of {@code groups}, and for nobody signed in (the
   * layout then shows the sign-in hint instead); otherwise the shell's 403 page naming who may.
   */
  static String pageFor(
      Shell shell,
      List<String> groups,
      String template,
      Model model,
      HttpServletResponse response) {
    if (shell.user() == null || shell.inAny(groups)) {
      return template;
    }
    response.setStatus(HttpStatus.FORBIDDEN.value());
    model.addAttribute("allowedGroups", String.join(", ", groups));
    return "forbidden";
  }
}
