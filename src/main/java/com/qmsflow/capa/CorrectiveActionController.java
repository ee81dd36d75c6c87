package com.qmsflow.capa;

import com.qmsflow.evidence.AttachmentRepository;
import com.qmsflow.evidence.OwnerKind;
import com.qmsflow.records.ProcessRecord;
import com.qmsflow.records.ProcessRecords;
import com.qmsflow.web.NotFoundException;
import java.util.Map;
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
  private final ProcessRecords records;
  private final AttachmentRepository attachments;

  public CorrectiveActionController(
      CorrectiveActionRepository register,
      ProcessRecords records,
      AttachmentRepository attachments) {
    this.register = register;
    this.records = records;
    this.attachments = attachments;
  }

  @GetMapping(value = "/{number}/report", produces = MediaType.TEXT_HTML_VALUE)
  public String report(@PathVariable String number) {
    CorrectiveActionRepository.CorrectiveAction action =
        register
            .findByNumber(number)
            .orElseThrow(() -> new NotFoundException("capa.notFound", number));
    // from the project's records, not the history service: the report outlives history cleanup
    Map<String, Object> variables =
        records.byInstance(action.processInstanceId()).map(ProcessRecord::values).orElse(Map.of());
    return EightDReport.html(
        number, variables, attachments.findByOwner(OwnerKind.CORRECTIVE_ACTION, number));
  }
}
