package com.qmsflow.evidence;

import com.qmsflow.web.PageController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The upload page linked from the forms of evidence steps ({@code templates/evidence.html}, in the
 * shell's layout): {@code /evidence/{kind}/{number}/{step}} lists the step's files, uploads and
 * removes; {@code /evidence/{kind}/{number}} lists every file of the complaint (with its 8D's) or
 * 8D report. Its script calls the evidence API in the same origin, so the Tasklist session of the
 * browser applies.
 */
@PageController
public class EvidencePageController {

  private static final String KINDS = "{kind:complaint|corrective-action}";

  @GetMapping({"/evidence/" + KINDS + "/{number}", "/evidence/" + KINDS + "/{number}/{step}"})
  public String page(
      @PathVariable String kind,
      @PathVariable String number,
      @PathVariable(required = false) String step,
      Model model) {
    model.addAttribute("kind", kind);
    model.addAttribute("number", number);
    model.addAttribute("step", step);
    return "evidence";
  }
}
