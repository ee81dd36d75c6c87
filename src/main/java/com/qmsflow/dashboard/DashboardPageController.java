package com.qmsflow.dashboard;

import com.qmsflow.web.PageController;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The dashboard page ({@code templates/dashboard.html}, in the shell's layout) at {@code
 * /dashboard/}. It contains no figures; its script reads them from {@code /api/dashboard} with the
 * Camunda webapp login session, which refuses users outside the management groups.
 */
@PageController
public class DashboardPageController {

  @GetMapping("/dashboard")
  public String withoutSlash() {
    return "redirect:/dashboard/";
  }

  @GetMapping("/dashboard/")
  public String page() {
    return "dashboard";
  }
}
