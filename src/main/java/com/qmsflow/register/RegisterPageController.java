package com.qmsflow.register;

import com.qmsflow.web.PageController;
import java.util.List;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The register pages ({@code templates/register.html}) at {@code /complaints/}, {@code
 * /corrective-actions/} and {@code /changes/}: the filters of the register, its list, paging,
 * exports and the user's saved views. The page holds no rows: its script reads them from {@code GET
 * /api/<register>} with the Camunda webapp login session, which decides what the user sees.
 */
@PageController
public class RegisterPageController {

  @GetMapping("/complaints")
  public String complaintsWithoutSlash() {
    return "redirect:/complaints/";
  }

  @GetMapping("/complaints/")
  public String complaints(Model model) {
    model.addAttribute("register", "complaints");
    model.addAttribute("record", "/complaints/");
    model.addAttribute("tiers", ComplaintRegister.TIERS);
    model.addAttribute("categories", ComplaintRegister.CATEGORIES);
    model.addAttribute("severities", ComplaintRegister.SEVERITIES);
    model.addAttribute("statuses", ComplaintRegister.STATUSES);
    model.addAttribute("departments", ComplaintRegister.DEPARTMENTS);
    model.addAttribute("causeOrigins", ComplaintRegister.CAUSE_ORIGINS);
    model.addAttribute("sorts", List.copyOf(ComplaintRegister.SORTS.keySet()));
    return "register";
  }

  @GetMapping("/corrective-actions")
  public String correctiveActionsWithoutSlash() {
    return "redirect:/corrective-actions/";
  }

  @GetMapping("/corrective-actions/")
  public String correctiveActions(Model model) {
    model.addAttribute("register", "corrective-actions");
    model.addAttribute("record", "/corrective-actions/");
    model.addAttribute("statuses", CorrectiveActionRegister.STATUSES);
    model.addAttribute("sorts", List.copyOf(CorrectiveActionRegister.SORTS.keySet()));
    return "register";
  }

  @GetMapping("/changes")
  public String changesWithoutSlash() {
    return "redirect:/changes/";
  }

  @GetMapping("/changes/")
  public String changes(Model model) {
    model.addAttribute("register", "changes");
    model.addAttribute("record", "/changes/");
    model.addAttribute("statuses", ChangeRegister.STATUSES);
    model.addAttribute("types", ChangeRegister.TYPES);
    model.addAttribute("states", ChangeRegister.STATES);
    model.addAttribute("sorts", List.copyOf(ChangeRegister.SORTS.keySet()));
    return "register";
  }
}
