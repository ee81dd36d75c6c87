package com.qmsflow.reports;

import com.qmsflow.web.PageController;
import com.qmsflow.web.PageShell.Shell;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The page "Reports to management" ({@code /reports/}, {@code templates/reports.html}): the sent
 * reports with their PDFs, and any ended period's report generated on demand; for the readers of
 * {@link ReportAccess}, others get the shell's 403 page.
 */
@PageController
public class ReportPageController {

  private final ManagementReports reports;
  private final ReportSettings settings;
  private final ReportDelivery delivery;

  public ReportPageController(
      ManagementReports reports, ReportSettings settings, ReportDelivery delivery) {
    this.reports = reports;
    this.settings = settings;
    this.delivery = delivery;
  }

  @GetMapping("/reports/")
  public String page(
      @ModelAttribute("shell") Shell shell, Model model, HttpServletResponse response) {
    if (shell.user() == null) {
      return "reports";
    }
    if (!shell.inAny(ReportAccess.READERS)) {
      response.setStatus(HttpStatus.FORBIDDEN.value());
      model.addAttribute("allowedGroups", String.join(", ", ReportAccess.READERS));
      return "forbidden";
    }
    model.addAttribute("sent", reports.list());
    model.addAttribute("recipients", String.join(", ", settings.recipientGroups()));
    model.addAttribute(
        "lastMonth",
        ReportPeriod.month(java.time.YearMonth.from(delivery.today()).minusMonths(1)).label());
    model.addAttribute(
        "lastHalf",
        ReportPeriod.halfYearOf(java.time.YearMonth.from(delivery.today())).previous().label());
    return "reports";
  }
}
