package com.qmsflow.evidence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.qmsflow.web.PageController;
import com.qmsflow.web.WebLocale;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
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

  private final StepNames stepNames;
  private final ObjectMapper json;

  public EvidencePageController(StepNames stepNames, ObjectMapper json) {
    this.stepNames = stepNames;
    this.json = json;
  }

  private static final String KINDS = "{kind:complaint|corrective-action}";

  @GetMapping({"/evidence/" + KINDS + "/{number}", "/evidence/" + KINDS + "/{number}/{step}"})
  public String page(
      @PathVariable String kind,
      @PathVariable String number,
      @PathVariable(required = false) String step,
      HttpServletRequest request,
      Model model)
      throws JsonProcessingException {
    Locale locale = WebLocale.of(request);
    model.addAttribute("kind", kind);
    model.addAttribute("number", number);
    model.addAttribute("step", step);
    // the task's name, not its key (issue 18.8); the script names the files' steps the same way
    model.addAttribute("stepName", step == null ? null : stepNames.name(step, locale));
    model.addAttribute("stepNames", json.writeValueAsString(stepNames.all(locale)));
    return "evidence";
  }
}
