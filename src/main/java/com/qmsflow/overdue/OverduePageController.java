package com.qmsflow.overdue;

import com.qmsflow.web.PageController;
import com.qmsflow.web.PageShell.Shell;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The page "Overdue work" ({@code /overdue/}, {@code templates/overdue.html}): the managers' view
 * of every overdue or escalated open task of all groups, with a link to each record page and to the
 * task in Tasklist; for the readers of {@link OverdueWork}, others get the shell's 403 page.
 */
@PageController
public class OverduePageController {

  private final OverdueWork overdue;

  public OverduePageController(OverdueWork overdue) {
    this.overdue = overdue;
  }

  @GetMapping("/overdue/")
  public String page(
      @ModelAttribute("shell") Shell shell, Model model, HttpServletResponse response) {
    if (shell.user() == null) {
      return "overdue";
    }
    if (!shell.inAny(OverdueWork.READERS)) {
      response.setStatus(HttpStatus.FORBIDDEN.value());
      model.addAttribute("allowedGroups", String.join(", ", OverdueWork.READERS));
      return "forbidden";
    }
    model.addAttribute("items", overdue.items());
    return "overdue";
  }
}
