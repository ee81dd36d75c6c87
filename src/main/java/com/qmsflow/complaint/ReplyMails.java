package com.qmsflow.complaint;

import static com.qmsflow.complaint.ComplaintVariables.*;

import com.qmsflow.customer.CustomerRepository;
import com.qmsflow.customer.CustomerRepository.MailContact;
import com.qmsflow.evidence.Attachment;
import com.qmsflow.evidence.AttachmentRepository;
import com.qmsflow.notification.MailSettings;
import com.qmsflow.notification.NotificationService;
import com.qmsflow.notification.NotificationService.Recipient;
import com.qmsflow.variable.Variable;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Service;

/**
 * The written reply to the customer (step 18) by mail. When the reply task is created, a DRAFT
 * addressed to the customer contact (customer archive) is prepared from the complaint's findings
 * and mailed to sales for review; it is never sent to the customer. Only a person sends a reply to
 * the customer: on the complaint's record page, or {@code POST /api/complaints/{number}/reply-mail}
 * with the reviewed text ({@link CustomerReplies}).
 */
@Service
public class ReplyMails {

  /**
   * The draft: the customer contact it is addressed to (if the archive has an address), subject and
   * text.
   */
  public record Draft(Optional<MailContact> to, String subject, String text) {}

  private final CustomerRepository customers;
  private final NotificationService notifications;
  private final MailSettings settings;
  private final AttachmentRepository attachments;

  public ReplyMails(
      CustomerRepository customers,
      NotificationService notifications,
      MailSettings settings,
      AttachmentRepository attachments) {
    this.customers = customers;
    this.notifications = notifications;
    this.settings = settings;
    this.attachments = attachments;
  }

  /** The customer contact a reply to this customer is addressed to. */
  public Optional<MailContact> contact(String customerCode, String contactName) {
    return customerCode == null
        ? Optional.empty()
        : customers.mailContact(customerCode, contactName);
  }

  public static String replySubject(String complaintNumber) {
    return "Reply to your complaint " + complaintNumber;
  }

  /** The draft reply from the complaint's variables. */
  public Draft draft(VariableScope scope) {
    return draft(scope.getVariables());
  }

  /** The draft reply from the complaint's variables (e.g. those of the open reply task). */
  public Draft draft(Map<String, ?> v) {
    String number = text(v, COMPLAINT_NUMBER_VAR);
    Optional<MailContact> to = contact(text(v, CUSTOMER_CODE), text(v, CONTACT_NAME));
    String salutation =
        to.map(MailContact::name)
            .or(() -> Optional.ofNullable(text(v, CONTACT_NAME)))
            .orElse("Sir or Madam");
    StringBuilder b = new StringBuilder();
    b.append("Dear ")
        .append(salutation)
        .append(",\n\n")
        .append("thank you for your complaint ")
        .append(number);
    if (RECEIVED_AT.rawFrom(v) instanceof Date received) {
      b.append(" of ").append(settings.format(received).substring(0, 10));
    }
    b.append(" about ").append(text(v, PRODUCT_NAME));
    if (text(v, PRODUCT_MODEL) != null) {
      b.append(" (model ").append(text(v, PRODUCT_MODEL)).append(")");
    }
    b.append(", batch ").append(text(v, BATCH_NUMBER));
    String defect =
        text(v, DEFECT_DESCRIPTION) != null ? text(v, DEFECT_DESCRIPTION) : text(v, DEFECT_CODE);
    if (defect != null) {
      b.append(": ").append(defect);
    }
    b.append(".\n\n");
    line(
        b,
        "Result of our investigation",
        "valid".equals(text(v, COMPLAINT_VALIDITY))
            ? "your complaint is justified."
            : text(v, COMPLAINT_VALIDITY));
    line(b, "Cause", first(v, ROOT_CAUSE, CAUSE_ANALYSIS));
    line(b, "Immediate actions", text(v, CORRECTION_ACTIONS));
    line(b, "Permanent actions", text(v, PERMANENT_ACTIONS));
    line(b, "Verification", first(v, VERIFIED_EFFECT, VERIFICATION_EVIDENCE));
    line(b, "Improvement completed by", text(v, COMMITTED_IMPROVEMENT_DATE));
    if (text(v, EIGHT_D_NUMBER) != null) {
      b.append("The 8D report ").append(text(v, EIGHT_D_NUMBER)).append(" is attached.\n");
    }
    b.append("\nPlease let us know if you have any further questions.\n\nKind regards,\n");
    return new Draft(to, replySubject(number), b.toString());
  }

  /**
   * Queues the draft to sales (the reply task's candidate group or its assignee) for review; once
   * per task and recipient.
   */
  public boolean queueDraftForReview(
      String taskId,
      String taskName,
      Date due,
      Recipient reviewers,
      VariableScope scope,
      Instant now) {
    Draft draft = draft(scope);
    Map<String, Object> v = scope.getVariables();
    String number = text(v, COMPLAINT_NUMBER_VAR);
    StringBuilder b = new StringBuilder();
    b.append("The written reply to the customer for complaint ")
        .append(number)
        .append(" (")
        .append(text(v, CUSTOMER_NAME_VAR))
        .append(") is due ")
        .append(settings.format(due))
        .append(".\n\n")
        .append(
            "Below is a DRAFT addressed to the customer contact. It has NOT been sent to the"
                + " customer.\n")
        .append(
            "Review and correct it, choose the evidence files to attach and send it to the"
                + " customer on the complaint's record page:\n")
        .append(settings.baseUrl())
        .append("/complaints/")
        .append(number)
        .append("#send-reply\n")
        .append("then record the reply in the task \"")
        .append(taskName)
        .append("\":\n")
        .append(settings.taskLink(taskId))
        .append("\n\n")
        .append("To: ")
        .append(
            draft
                .to()
                .map(c -> c.name() + " <" + c.email() + ">")
                .orElse(
                    "(no e-mail address of this customer in the customer archive; add one before"
                        + " sending)"))
        .append("\nSubject: ")
        .append(draft.subject())
        .append("\n\n----- draft -----\n")
        .append(draft.text())
        .append("----- end of draft -----\n");
    List<Attachment> evidence = attachments.findByComplaintWithItsEightD(number);
    b.append("\nEvidence files of this complaint")
        .append(
            evidence.isEmpty()
                ? ": none yet.\n"
                : " (attach those the customer should receive to the reply you send):\n");
    for (Attachment file : evidence) {
      b.append("- ")
          .append(file.originalName())
          .append(" (")
          .append(file.contentType())
          .append(", ")
          .append(file.size())
          .append(" bytes, step ")
          .append(file.step())
          .append(", ")
          .append(file.ownerNumber())
          .append("): ")
          .append(settings.baseUrl())
          .append(file.downloadUrl())
          .append("\n");
    }
    String key =
        "reply-draft:"
            + taskId
            + ":"
            + (reviewers.group() != null ? reviewers.group() : reviewers.user());
    return notifications.queueOnce(
        key,
        NotificationService.REPLY_DRAFT,
        reviewers,
        number,
        "Draft reply for review: " + number + " (not sent to the customer)",
        b.toString(),
        now);
  }

  private static void line(StringBuilder b, String label, String value) {
    if (value != null && !value.isBlank()) {
      b.append(label).append(": ").append(value.trim()).append("\n");
    }
  }

  private static String first(Map<String, ?> v, Variable<?> a, Variable<?> b) {
    return text(v, a) != null ? text(v, a) : text(v, b);
  }

  private static String text(Map<String, ?> v, Variable<?> variable) {
    Object value = variable.rawFrom(v);
    return value == null || value.toString().isBlank() ? null : value.toString();
  }
}
