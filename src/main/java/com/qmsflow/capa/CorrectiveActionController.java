package com.qmsflow.capa;

import com.qmsflow.evidence.AttachmentRepository;
import com.qmsflow.evidence.OwnerKind;
import com.qmsflow.web.NotFoundException;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The printable 8D report, for the complaint's written reply and for customers who prescribe a
 * format.
 */
@RestController
@RequestMapping("/api/corrective-actions")
public class CorrectiveActionController {

  private final CorrectiveActionRepository register;
  private final HistoryService history;
  private final AttachmentRepository attachments;

  public CorrectiveActionController(
      CorrectiveActionRepository register,
      HistoryService history,
      AttachmentRepository attachments) {
    this.register = register;
    this.history = history;
    this.attachments = attachments;
  }

  @GetMapping(value = "/{number}/report", produces = MediaType.TEXT_HTML_VALUE)
  public String report(@PathVariable String number) {
    CorrectiveActionRepository.CorrectiveAction action =
        register
            .findByNumber(number)
            .orElseThrow(() -> new NotFoundException("capa.notFound", number));
    Map<String, Object> variables = new HashMap<>();
    for (HistoricVariableInstance v :
        history
            .createHistoricVariableInstanceQuery()
            .processInstanceId(action.processInstanceId())
            .disableCustomObjectDeserialization()
            .list()) {
      variables.put(v.getName(), v.getValue());
    }
    return EightDReport.html(
        number, variables, attachments.findByOwner(OwnerKind.CORRECTIVE_ACTION, number));
  }
}
