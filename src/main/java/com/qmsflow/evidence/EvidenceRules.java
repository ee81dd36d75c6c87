package com.qmsflow.evidence;

import com.qmsflow.forms.FieldError;
import com.qmsflow.forms.FormRule;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * The steps that cannot be completed without at least one evidence file uploaded on the task itself
 * (a file of an earlier round of the same step does not count): the improvement evidence before the
 * customer is told and the verification (002 §4.3.3.2-§4.3.3.3), 8D D3 (verified containment) and
 * D6 (verified effect). Applied by {@code FormValidationPlugin} like every form rule: a refused
 * submit-form answers 400 and the task stays open.
 */
@Configuration
public class EvidenceRules {

  public static final String FIELD = "evidenceFiles";

  @Bean
  FormRule improvementEvidenceRequired(@Lazy EvidenceService evidence) {
    return required(
        evidence,
        "collect-improvement-evidence",
        "the improvement evidence reported to the customer (002 §4.3.3.2)");
  }

  @Bean
  FormRule verificationEvidenceRequired(@Lazy EvidenceService evidence) {
    return required(
        evidence, "verify-effectiveness", "the verification of the improvement (002 §4.3.3.3)");
  }

  @Bean
  FormRule d3EvidenceRequired(@Lazy EvidenceService evidence) {
    return required(evidence, "eight-d-d3-containment", "the verified containment (8D D3)");
  }

  @Bean
  FormRule d6EvidenceRequired(@Lazy EvidenceService evidence) {
    return required(
        evidence,
        "eight-d-d6-implementation",
        "the verified effect of the permanent actions (8D D6)");
  }

  static FormRule required(EvidenceService evidence, String formId, String what) {
    return FormRule.of(
        formId,
        s ->
            s.taskId() == null || evidence.countForTask(s.taskId()) > 0
                ? List.<FieldError>of()
                : List.of(
                    new FieldError(
                        FIELD,
                        "Evidence files ("
                            + FIELD
                            + "): attach at least one file (photo, report, record) for "
                            + what
                            + " with the upload link of this form before completing the task")));
  }
}
