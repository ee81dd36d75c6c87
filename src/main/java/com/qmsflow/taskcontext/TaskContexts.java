package com.qmsflow.taskcontext;

import static com.qmsflow.taskcontext.TaskContextVariables.CATEGORY;
import static com.qmsflow.taskcontext.TaskContextVariables.CHANNEL;
import static com.qmsflow.taskcontext.TaskContextVariables.FINDINGS;
import static com.qmsflow.taskcontext.TaskContextVariables.RECEIVED_AT;
import static com.qmsflow.taskcontext.TaskContextVariables.RECORD_SUMMARY;
import static com.qmsflow.taskcontext.TaskContextVariables.RECURRENCE_COMPLAINTS;
import static com.qmsflow.taskcontext.TaskContextVariables.SEVERITY;

import com.qmsflow.complaint.Complaint;
import com.qmsflow.complaint.ComplaintRepository;
import com.qmsflow.complaint.ComplaintVariables;
import com.qmsflow.customer.Customer;
import com.qmsflow.customer.CustomerRepository;
import com.qmsflow.recordview.FormLabels;
import com.qmsflow.recordview.Label;
import com.qmsflow.recordview.RecordView;
import com.qmsflow.recordview.RecordView.Field;
import com.qmsflow.recordview.RecordView.Section;
import com.qmsflow.recordview.RecordViews;
import com.qmsflow.variable.Variable;
import com.qmsflow.web.PlantTime;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Prepares what a complaint task's form shows so the person can decide there (issue 18.2): the
 * intake's category and channel as labels, the time received in plant time, and per task the
 * findings of the steps it decides on, read from the project's records ({@link RecordViews}), not
 * from the engine's history. Written as task-local variables ({@link TaskContextVariables}),
 * overwritten each time (idempotent); they end with the task.
 */
@Component
public class TaskContexts {

  static final String REVIEW_SEVERITY = "userTaskReviewMinorSeverity";
  static final String CONTAIN_SUSPECT_STOCK = "userTaskContainSuspectStock";
  static final String VERIFY_EFFECTIVENESS = "userTaskVerifyEffectiveness";
  static final String ARCHIVE = "userTaskArchiveComplaintRecords";
  static final String QUALITY_MEETING = "userTaskHoldQualityAnalysisMeeting";

  /** The steps whose findings a task shows, in the order shown. */
  static final Map<String, List<String>> FINDINGS_OF =
      Map.of(
          REVIEW_SEVERITY,
          List.of(
              "userTaskConfirmWithCustomer",
              "userTaskInvestigateOnSite",
              QUALITY_MEETING,
              "userTaskAnalyseValidityAndCause"),
          CONTAIN_SUSPECT_STOCK,
          List.of("userTaskInvestigateOnSite", "userTaskAnalyseValidityAndCause"),
          VERIFY_EFFECTIVENESS,
          List.of(
              "userTaskCommitImprovementDate",
              CONTAIN_SUSPECT_STOCK,
              "userTaskCorrectNonconformity",
              "userTaskCollectImprovementEvidence",
              // a serious complaint's 8D: containment, root cause, actions, implementation
              "userTaskCorrectWithoutEightD",
              "userTaskD3Containment",
              "userTaskD4RootCause",
              "userTaskD5PermanentActions",
              "userTaskD6Implement",
              "userTaskD7PreventRecurrence"));

  private final ComplaintRepository complaints;
  private final CustomerRepository customers;
  private final RecordViews records;
  private final FormLabels forms;
  private final MessageSource messages;
  private final PlantTime plantTime;

  public TaskContexts(
      ComplaintRepository complaints,
      CustomerRepository customers,
      RecordViews records,
      FormLabels forms,
      MessageSource messages,
      PlantTime plantTime) {
    this.complaints = complaints;
    this.customers = customers;
    this.records = records;
    this.forms = forms;
    this.messages = messages;
    this.plantTime = plantTime;
  }

  /** Writes the task's context; a task of a complaint not in the register gets none. */
  public void prepare(DelegateTask task) {
    String number = ComplaintVariables.COMPLAINT_NUMBER_VAR.get(task);
    Optional<Complaint> found = number == null ? Optional.empty() : complaints.findByNumber(number);
    if (found.isEmpty()) {
      return;
    }
    Complaint complaint = found.get();
    set(task, RECEIVED_AT, complaint.receivedAt() == null ? null : time(complaint.receivedAt()));
    set(task, CATEGORY, option("category", complaint.category()));
    set(task, CHANNEL, option("channel", complaint.channel()));
    String severity = ComplaintVariables.SEVERITY_VAR.get(task);
    set(task, SEVERITY, severity == null ? null : coded("record.severity.", severity));
    String key = task.getTaskDefinitionKey();
    if (FINDINGS_OF.containsKey(key)) {
      set(task, FINDINGS, findings(number, FINDINGS_OF.get(key)));
    }
    if (ARCHIVE.equals(key)) {
      set(task, RECORD_SUMMARY, summary(number));
    }
    if (QUALITY_MEETING.equals(key)) {
      set(task, RECURRENCE_COMPLAINTS, recurrence(complaint));
    }
  }

  private static void set(DelegateTask task, Variable<String> variable, String value) {
    if (value == null) {
      task.removeVariableLocal(variable.name());
    } else {
      variable.setLocal(task, value);
    }
  }

  /** The findings of the given steps, each step a bold line and its fields as a list. */
  String findings(String number, List<String> steps) {
    List<Section> sections = records.complaintFindings(number, steps);
    if (sections.isEmpty()) {
      return text("taskContext.noFindings");
    }
    StringBuilder out = new StringBuilder();
    for (Section section : sections) {
      out.append("**").append(Markdown.escape(bilingual(section.title()))).append("**");
      if (section.by() != null) {
        out.append(" · ").append(Markdown.escape(section.by()));
      }
      if (section.at() != null) {
        out.append(" · ").append(time(section.at()));
      }
      out.append("\n\n");
      for (Field field : section.fields()) {
        out.append("- ")
            .append(Markdown.escape(bilingual(field.label())))
            .append(": ")
            .append(Markdown.escape(value(field.value())))
            .append('\n');
      }
      out.append('\n');
    }
    return out.toString().trim();
  }

  /** The archive's summary: the steps done in order, the process's decisions, the evidence. */
  String summary(String number) {
    RecordView record = records.complaint(number, null);
    StringBuilder out = new StringBuilder();
    List<RecordView.Step> done =
        record.steps().stream().filter(s -> s.ended() != null && !isCancelled(s)).toList();
    out.append("**").append(text("taskContext.stepsDone", done.size())).append("**\n\n");
    int n = 1;
    for (RecordView.Step step : done) {
      out.append(n++)
          .append(". ")
          .append(Markdown.escape(bilingual(step.name())))
          .append(" · ")
          .append(step.who() == null ? "–" : Markdown.escape(step.who()))
          .append(" · ")
          .append(time(step.ended()));
      if ("onTime".equals(step.state())) {
        out.append(" · ").append(text("taskContext.onTime"));
      } else if (step.late()) {
        out.append(" · **").append(text("taskContext.late")).append("**");
      }
      out.append('\n');
    }
    // the process's own decisions are the one section without a step's completer and time
    record.sections().stream()
        .filter(s -> s.by() == null && s.at() == null && !s.fields().isEmpty())
        .forEach(
            decisions -> {
              out.append("\n**")
                  .append(Markdown.escape(bilingual(decisions.title())))
                  .append("**\n\n");
              decisions
                  .fields()
                  .forEach(
                      f ->
                          out.append("- ")
                              .append(Markdown.escape(bilingual(f.label())))
                              .append(": ")
                              .append(Markdown.escape(value(f.value())))
                              .append('\n'));
            });
    out.append("\n**")
        .append(text("taskContext.evidenceFiles", record.evidence().size()))
        .append("** · <a href=\"/complaints/")
        .append(Markdown.escape(number))
        .append("\" target=\"_blank\" rel=\"noopener\">")
        .append(text("taskContext.fullRecord"))
        .append("</a>");
    return out.toString();
  }

  private static boolean isCancelled(RecordView.Step step) {
    return "cancelled".equals(step.state());
  }

  /** The complaints of the batch and defect, oldest first, with when, whose and their state. */
  String recurrence(Complaint complaint) {
    List<Complaint> same =
        complaints.findSameBatchAndDefect(complaint.batchNumber(), complaint.defectCode());
    StringBuilder out = new StringBuilder();
    int n = 1;
    for (Complaint c : same) {
      out.append(n++)
          .append(". <a href=\"/complaints/")
          .append(Markdown.escape(c.complaintNumber()))
          .append("\" target=\"_blank\" rel=\"noopener\">")
          .append(Markdown.escape(c.complaintNumber()))
          .append("</a> · ")
          .append(text("taskContext.received"))
          .append(' ')
          .append(c.receivedAt() == null ? "–" : time(c.receivedAt()))
          .append(" · ")
          .append(Markdown.escape(customer(c.customerCode())))
          .append(" · ")
          .append(Markdown.escape(value(coded("record.status.", c.status()))));
      if (c.complaintNumber().equals(complaint.complaintNumber())) {
        out.append(" · ").append(text("taskContext.thisComplaint"));
      }
      out.append('\n');
    }
    return out.toString().trim();
  }

  private String customer(String code) {
    if (code == null) {
      return "–";
    }
    return customers
        .findByCode(code)
        .map(Customer::name)
        .map(name -> name + " (" + code + ")")
        .orElse(code);
  }

  private String option(String name, String value) {
    if (value == null) {
      return null;
    }
    return forms.option(name, value).map(TaskContexts::bilingual).orElse(value);
  }

  private String coded(String prefix, String code) {
    if (code == null) {
      return null;
    }
    String key = prefix + code.toLowerCase(Locale.ROOT);
    return bilingual(
        new Label(
            messages.getMessage(key, null, code, Locale.ENGLISH),
            messages.getMessage(key, null, code, Locale.CHINESE)));
  }

  /** A text of the bundles in both languages, "English (中文)", as the forms write labels. */
  private String text(String key, Object... args) {
    return bilingual(
        new Label(
            messages.getMessage(key, args, Locale.ENGLISH),
            messages.getMessage(key, args, Locale.CHINESE)));
  }

  static String bilingual(Label label) {
    if (label == null) {
      return "";
    }
    return label.zh() == null || label.zh().isBlank() || label.zh().equals(label.en())
        ? label.en()
        : label.en() + " (" + label.zh() + ")";
  }

  private String time(Instant instant) {
    return plantTime.dateTime(instant);
  }

  /** A recorded value as shown: labels in both languages, yes/no, times in plant time. */
  String value(Object value) {
    if (value == null) {
      return "–";
    }
    if (value instanceof Label label) {
      return bilingual(label);
    }
    if (value instanceof Boolean yes) {
      return text(yes ? "taskContext.yes" : "taskContext.no");
    }
    if (value instanceof Instant instant) {
      return time(instant);
    }
    if (value instanceof Date date) {
      return time(date.toInstant());
    }
    if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
      return String.valueOf(d.longValue());
    }
    return value.toString();
  }
}
