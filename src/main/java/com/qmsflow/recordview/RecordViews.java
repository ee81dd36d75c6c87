package com.qmsflow.recordview;

import static com.qmsflow.change.ChangeVariables.REQUESTER_GROUP;

import com.qmsflow.access.Reader;
import com.qmsflow.access.RecordAccess;
import com.qmsflow.capa.CorrectiveActionRepository;
import com.qmsflow.capa.CorrectiveActionRepository.CorrectiveAction;
import com.qmsflow.change.ChangeRecordService;
import com.qmsflow.change.ChangeRecordService.ChangeRecord;
import com.qmsflow.change.ChangeRequestRepository;
import com.qmsflow.change.ChangeRequestRepository.ChangeRequest;
import com.qmsflow.complaint.Complaint;
import com.qmsflow.complaint.ComplaintRecordService;
import com.qmsflow.complaint.ComplaintRecordService.ComplaintRecord;
import com.qmsflow.complaint.ComplaintRepository;
import com.qmsflow.complaint.CustomerDecisions;
import com.qmsflow.complaint.CustomerReplies;
import com.qmsflow.customer.Customer;
import com.qmsflow.customer.CustomerRepository;
import com.qmsflow.evidence.AttachmentRepository;
import com.qmsflow.evidence.OwnerKind;
import com.qmsflow.mailintake.Correspondence;
import com.qmsflow.records.ProcessRecord;
import com.qmsflow.records.ProcessRecords;
import com.qmsflow.recordview.RecordView.Discipline;
import com.qmsflow.recordview.RecordView.Escalation;
import com.qmsflow.recordview.RecordView.Field;
import com.qmsflow.recordview.RecordView.Link;
import com.qmsflow.recordview.RecordView.Printed;
import com.qmsflow.recordview.RecordView.Section;
import com.qmsflow.recordview.RecordView.Step;
import com.qmsflow.web.ForbiddenException;
import com.qmsflow.web.NotFoundException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

/**
 * Builds the complaint record, the 8D report and the contract change record from the project's
 * tables alone (register rows, process records, evidence, stored prints), after checking that the
 * reader may read them ({@link RecordAccess}). A record whose reader may not read it is refused
 * with 403; an unknown number, and a change the reader may not read (changes are confidential:
 * their existence must not leak), with 404.
 */
@Service
public class RecordViews {

  static final String COMPLAINT_PROCESS = "complaint-handling";
  static final String EIGHT_D_PROCESS = "corrective-action";
  static final String TASKLIST = "/camunda/app/tasklist/default/#/?task=";

  /** The decisions the complaint process takes itself, shown with the findings of its steps. */
  static final List<String> COMPLAINT_DECISIONS =
      List.of(
          "tier",
          "severity",
          "sameBatchDefectCount",
          "recurrenceMeetingNeeded",
          "eightDNumber",
          "rootCause",
          "permanentActions",
          "verifiedEffect");

  static final String REPLY_STEP = "userTaskReplyInWriting";

  /** The disciplines of the VDA 8D report and the steps of corrective-action.bpmn in each. */
  static final Map<String, List<String>> DISCIPLINES = new LinkedHashMap<>();

  static {
    DISCIPLINES.put("D0", List.of("userTaskD0EmergencyResponse", "userTaskCorrectWithoutEightD"));
    DISCIPLINES.put("D1", List.of("userTaskD1FormTeam"));
    DISCIPLINES.put("D2", List.of("userTaskD2DescribeProblem"));
    DISCIPLINES.put("D3", List.of("userTaskD3Containment"));
    DISCIPLINES.put("D4", List.of("userTaskD4RootCause"));
    DISCIPLINES.put(
        "D5", List.of("userTaskD5PermanentActions", "userTaskApproveD5PermanentActions"));
    DISCIPLINES.put("D6", List.of("userTaskD6Implement"));
    DISCIPLINES.put("D7", List.of("userTaskD7PreventRecurrence"));
    DISCIPLINES.put(
        "D7E",
        List.of(
            "userTaskConfirmNoRecurrence",
            "userTaskDecideRecurrencePreventionReport",
            "userTaskDraftPreventionCountermeasures",
            "userTaskApprovePreventionCountermeasures",
            "userTaskConfirmPreventionEffect"));
    DISCIPLINES.put("D8", List.of("userTaskD8CloseAndRecognise"));
  }

  private final ComplaintRecordService complaintRecords;
  private final ComplaintRepository complaints;
  private final CorrectiveActionRepository correctiveActions;
  private final ChangeRecordService changeRecords;
  private final ChangeRequestRepository changes;
  private final CustomerRepository customers;
  private final ProcessRecords records;
  private final AttachmentRepository attachments;
  private final PrintedRecords printed;
  private final RecordAccess access;
  private final FormLabels forms;
  private final MessageSource messages;
  private final CustomerReplies customerReplies;
  private final CustomerDecisions decisions;
  private final Correspondence correspondence;

  public RecordViews(
      ComplaintRecordService complaintRecords,
      ComplaintRepository complaints,
      CorrectiveActionRepository correctiveActions,
      ChangeRecordService changeRecords,
      ChangeRequestRepository changes,
      CustomerRepository customers,
      ProcessRecords records,
      AttachmentRepository attachments,
      PrintedRecords printed,
      RecordAccess access,
      FormLabels forms,
      MessageSource messages,
      CustomerReplies customerReplies,
      CustomerDecisions decisions,
      Correspondence correspondence) {
    this.decisions = decisions;
    this.correspondence = correspondence;
    this.complaintRecords = complaintRecords;
    this.complaints = complaints;
    this.correctiveActions = correctiveActions;
    this.changeRecords = changeRecords;
    this.changes = changes;
    this.customers = customers;
    this.records = records;
    this.attachments = attachments;
    this.printed = printed;
    this.access = access;
    this.forms = forms;
    this.messages = messages;
    this.customerReplies = customerReplies;
  }

  /** The complaint's record for the reader; null reader: the system (the print at closure). */
  public RecordView complaint(String number, Reader reader) {
    ComplaintRecord record =
        complaintRecords
            .find(number)
            .orElseThrow(() -> new NotFoundException("complaint.notFound", number));
    Complaint c = record.complaint();
    if (reader != null && !access.mayReadComplaint(reader, number)) {
      throw new ForbiddenException("complaint.forbidden", number);
    }
    ProcessRecord process = record.process();
    List<Field> header = new ArrayList<>();
    header.add(field("record.field.number", c.complaintNumber()));
    header.add(field("record.field.customer", customer(c.customerCode())));
    header.add(field("record.field.tier", c.tier()));
    header.add(
        field(
            "record.field.product",
            c.productName() + (c.productModel() == null ? "" : " · " + c.productModel())));
    header.add(field("record.field.batch", c.batchNumber()));
    header.add(
        field(
            "record.field.quantities",
            messages.getMessage(
                "record.field.quantitiesValue",
                new Object[] {
                  String.valueOf(c.quantityDefective()), String.valueOf(c.quantityPurchased())
                },
                Locale.ENGLISH),
            messages.getMessage(
                "record.field.quantitiesValue",
                new Object[] {
                  String.valueOf(c.quantityDefective()), String.valueOf(c.quantityPurchased())
                },
                Locale.CHINESE)));
    header.add(field("record.field.defect", c.defectCode()));
    header.add(field("record.field.category", option("category", c.category())));
    header.add(field("record.field.severity", coded("record.severity.", c.severity())));
    header.add(field("record.field.status", status(c.status())));
    header.add(field("record.field.received", c.receivedAt()));
    header.add(field("record.field.closed", c.closedAt()));
    header.add(field("record.field.description", c.description()));

    List<Link> related = new ArrayList<>();
    for (ProcessRecord eightD : record.correctiveActions()) {
      String eightDNumber = eightD.businessKey();
      related.add(
          new Link(
              "record.related.eightD",
              eightDNumber,
              "/corrective-actions/" + eightDNumber,
              eightD.ended() ? "closed" : "open"));
      for (ChangeRequest change : changes.findByCorrectiveAction(eightDNumber)) {
        related.add(changeLink(change));
      }
    }
    List<Section> sections = process == null ? List.of() : stepSections(process, null);
    sections = new ArrayList<>(sections);
    if (process != null) {
      List<Field> decisions = new ArrayList<>();
      for (String name : COMPLAINT_DECISIONS) {
        Object value = process.value(name);
        if (value != null && !value.toString().isBlank()) {
          decisions.add(
              new Field(
                  decisionLabel(name),
                  "severity".equals(name)
                      ? coded("record.severity.", value.toString())
                      : display(null, name, value)));
        }
      }
      if (!decisions.isEmpty()) {
        sections.add(new Section(label("record.section.decisions"), null, null, decisions));
      }
    }
    Section reply =
        process == null
            ? null
            : stepSections(process, List.of(REPLY_STEP)).stream()
                .reduce((first, last) -> last)
                .orElse(null);
    boolean closed = process != null && "COMPLETED".equals(process.endState());
    return new RecordView(
        OwnerKind.COMPLAINT.value(),
        number,
        "record.complaint.title",
        c.status(),
        closed,
        header,
        process == null ? List.of() : steps(process, reader),
        sections,
        List.of(),
        reply,
        customerReplies.sent(number).orElse(null),
        decisions.of(number),
        correspondence.of(number),
        attachments.findByComplaintWithItsEightD(number),
        stepNames(process, record.correctiveActions()),
        related,
        "/api/complaints/" + number + "/record.pdf",
        printedOf(OwnerKind.COMPLAINT, number));
  }

  /**
   * The findings of the complaint's completed steps among {@code tasks}, its 8Ds' steps included,
   * in the order of {@code tasks}: what a task form shows as the context to decide (taskcontext).
   * Empty for a complaint not (yet) in the register.
   */
  public List<Section> complaintFindings(String number, List<String> tasks) {
    return complaintRecords
        .find(number)
        .map(
            record -> {
              List<Section> sections = new ArrayList<>();
              if (record.process() != null) {
                sections.addAll(stepSections(record.process(), tasks));
              }
              record.correctiveActions().forEach(p -> sections.addAll(stepSections(p, tasks)));
              return sections;
            })
        .orElse(List.of());
  }

  /** The 8D report for the reader; null reader: the system. */
  public RecordView correctiveAction(String number, Reader reader) {
    CorrectiveAction action =
        correctiveActions
            .findByNumber(number)
            .orElseThrow(() -> new NotFoundException("capa.notFound", number));
    Complaint complaint =
        action.complaintNumber() == null
            ? null
            : complaints.findByNumber(action.complaintNumber()).orElse(null);
    if (reader != null && !access.mayReadCorrectiveAction(reader, number)) {
      throw new ForbiddenException("capa.forbidden", number);
    }
    ProcessRecord process =
        action.processInstanceId() == null
            ? null
            : records.byInstance(action.processInstanceId()).orElse(null);
    Map<String, Object> values = process == null ? Map.of() : process.values();
    List<Field> header = new ArrayList<>();
    header.add(field("record.field.number", number));
    header.add(field("record.field.problem", action.problemTitle()));
    header.add(field("record.field.complaint", action.complaintNumber()));
    header.add(field("record.field.customer", values.get("customerName")));
    header.add(
        field("record.field.product", join(values.get("productName"), values.get("productModel"))));
    header.add(field("record.field.batch", values.get("batchNumber")));
    header.add(field("record.field.defect", values.get("defectCode")));
    header.add(field("record.field.status", status(action.status())));
    header.add(field("record.field.raised", process == null ? null : process.startedAt()));
    header.add(field("record.field.closed", process == null ? null : process.endedAt()));

    List<Link> related = new ArrayList<>();
    if (action.complaintNumber() != null) {
      related.add(
          new Link(
              "record.related.complaint",
              action.complaintNumber(),
              "/complaints/" + action.complaintNumber(),
              complaint == null ? null : complaint.status().toLowerCase(Locale.ROOT)));
    }
    changes.findByCorrectiveAction(number).forEach(change -> related.add(changeLink(change)));

    List<Discipline> disciplines = new ArrayList<>();
    if (process != null) {
      DISCIPLINES.forEach(
          (code, tasks) ->
              disciplines.add(
                  new Discipline(code, label("record.8d." + code), stepSections(process, tasks))));
    }
    boolean closed = process != null && "COMPLETED".equals(process.endState());
    return new RecordView(
        OwnerKind.CORRECTIVE_ACTION.value(),
        number,
        "record.eightD.title",
        action.status(),
        closed,
        header,
        process == null ? List.of() : steps(process, reader),
        List.of(),
        disciplines,
        null,
        null,
        null,
        null,
        attachments.findByOwner(OwnerKind.CORRECTIVE_ACTION, number),
        stepNames(process, List.of()),
        related,
        "/api/corrective-actions/" + number + "/report.pdf",
        printedOf(OwnerKind.CORRECTIVE_ACTION, number));
  }

  /** The contract change's record; a change the reader may not read is "not found". */
  public RecordView change(String number, Reader reader) {
    ChangeRecord record =
        changeRecords
            .find(number)
            .orElseThrow(() -> new NotFoundException("change.notFound", number));
    ChangeRequest c = record.change();
    if (reader != null && !access.mayReadChange(reader, number, REQUESTER_GROUP.name())) {
      throw new NotFoundException("change.notFound", number);
    }
    List<Field> header = new ArrayList<>();
    header.add(field("record.field.number", number));
    header.add(field("record.field.changeType", option("changeType", c.changeType())));
    header.add(field("record.field.contract", c.contractReference()));
    header.add(field("record.field.customer", customer(c.customerCode())));
    header.add(field("record.field.tier", c.tier()));
    header.add(field("record.field.description", c.description()));
    header.add(field("record.field.reason", c.reason()));
    header.add(field("record.field.requestedEffective", c.requestedEffectiveDate()));
    header.add(field("record.field.costImpact", c.costImpact()));
    header.add(field("record.field.requester", c.requester()));
    header.add(field("record.field.status", c.state()));
    header.add(field("record.field.approver", c.approverGroup()));
    header.add(field("record.field.decisionReason", c.decisionReason()));
    header.add(field("record.field.effectiveLot", c.effectiveLot()));
    header.add(field("record.field.effectiveDate", c.effectiveDate()));

    List<Section> sections = new ArrayList<>();
    for (ChangeRequestRepository.Review r : record.reviews()) {
      sections.add(
          new Section(
              new Label(
                  messages.getMessage(
                      "record.change.review",
                      new Object[] {r.round(), r.reviewerGroup()},
                      Locale.ENGLISH),
                  messages.getMessage(
                      "record.change.review",
                      new Object[] {r.round(), r.reviewerGroup()},
                      Locale.CHINESE)),
              r.reviewedBy(),
              r.reviewedAt(),
              List.of(
                  field("record.field.verdict", option("verdict", r.verdict())),
                  field("record.field.comments", r.comments()))));
    }
    for (ChangeRequestRepository.Implementation i : record.implementations()) {
      sections.add(
          new Section(
              new Label(
                  messages.getMessage(
                      "record.change.implementation",
                      new Object[] {i.round(), i.department()},
                      Locale.ENGLISH),
                  messages.getMessage(
                      "record.change.implementation",
                      new Object[] {i.round(), i.department()},
                      Locale.CHINESE)),
              i.implementedBy(),
              i.implementedAt(),
              List.of(field("record.field.implementation", i.record()))));
    }
    ProcessRecord process = record.process();
    if (process != null) {
      sections.addAll(stepSections(process, null));
    }
    List<Link> related = new ArrayList<>();
    if (c.correctiveActionNumber() != null) {
      related.add(
          new Link(
              "record.related.eightD",
              c.correctiveActionNumber(),
              "/corrective-actions/" + c.correctiveActionNumber(),
              null));
    }
    return new RecordView(
        "change",
        number,
        "record.change.title",
        c.state(),
        c.isFinal(),
        header,
        process == null ? List.of() : steps(process, reader),
        sections,
        List.of(),
        null,
        null,
        null,
        null,
        List.of(),
        Map.of(),
        related,
        null,
        null);
  }

  /** The names of the steps of the record (and of its 8Ds), by task definition key. */
  private static Map<String, Label> stepNames(ProcessRecord process, List<ProcessRecord> called) {
    Map<String, Label> names = new LinkedHashMap<>();
    java.util.stream.Stream.concat(
            process == null ? java.util.stream.Stream.empty() : java.util.stream.Stream.of(process),
            called.stream())
        .flatMap(p -> p.steps().stream())
        .forEach(s -> names.putIfAbsent(s.taskDefinitionKey(), Label.of(s.name())));
    return names;
  }

  private Printed printedOf(OwnerKind kind, String number) {
    return printed
        .find(kind.value(), number)
        .map(p -> new Printed(p.generatedAt(), p.sha256(), p.size()))
        .orElse(null);
  }

  private Link changeLink(ChangeRequest change) {
    return new Link(
        "record.related.change",
        change.changeNumber(),
        "/changes/" + change.changeNumber(),
        change.state());
  }

  /** The timeline: every step in the order created. */
  private List<Step> steps(ProcessRecord process, Reader reader) {
    List<Step> steps = new ArrayList<>();
    for (ProcessRecord.Step s : process.steps()) {
      String state;
      if ("CANCELLED".equals(s.outcome())) {
        state = "cancelled";
      } else if (s.outcome() == null) {
        state = "open";
      } else if (s.onTime() == null) {
        state = "done";
      } else {
        state = s.onTime() ? "onTime" : "late";
      }
      boolean mayWork =
          reader != null
              && s.outcome() == null
              && RecordAccess.mayWorkOn(reader, s.assignee(), s.candidateGroups());
      steps.add(
          new Step(
              Label.of(s.name()),
              s.candidateGroups(),
              s.completedBy() != null ? s.completedBy() : s.assignee(),
              s.createdAt(),
              s.dueAt(),
              s.endedAt(),
              state,
              s.escalations().stream()
                  .map(e -> new Escalation(e.level(), e.escalatedToGroup(), e.at()))
                  .toList(),
              mayWork ? TASKLIST + s.taskId() : null));
    }
    return steps;
  }

  /**
   * The findings of the completed steps (of the given tasks, or all), each with the fields its
   * submission set that a form labels.
   */
  private List<Section> stepSections(ProcessRecord process, List<String> tasks) {
    List<ProcessRecord.Step> chosen =
        tasks == null
            ? process.steps()
            : process.steps().stream().filter(s -> tasks.contains(s.taskDefinitionKey())).toList();
    if (tasks != null) {
      // in the discipline's order of tasks, each task's completions in order
      List<ProcessRecord.Step> ordered = new ArrayList<>();
      for (String task : tasks) {
        chosen.stream().filter(s -> s.taskDefinitionKey().equals(task)).forEach(ordered::add);
      }
      chosen = ordered;
    }
    List<Section> sections = new ArrayList<>();
    for (ProcessRecord.Step s : chosen) {
      if (!"COMPLETED".equals(s.outcome())) {
        continue;
      }
      List<Field> fields = new ArrayList<>();
      s.values()
          .forEach(
              (name, value) ->
                  forms
                      .field(s.taskDefinitionKey(), name)
                      .ifPresent(
                          f ->
                              fields.add(
                                  new Field(
                                      f.label(), display(s.taskDefinitionKey(), name, value)))));
      sections.add(new Section(Label.of(s.name()), s.completedBy(), s.endedAt(), fields));
    }
    return sections;
  }

  /** A recorded value as shown: the option's label for a choice, else the value. */
  private Object display(String task, String name, Object value) {
    if (value instanceof String text) {
      var field = forms.field(task, name);
      if (field.isPresent() && field.get().options().containsKey(text)) {
        return field.get().options().get(text);
      }
    }
    return value;
  }

  private Object option(String name, String value) {
    if (value == null) {
      return null;
    }
    return forms.option(name, value).<Object>map(l -> l).orElse(value);
  }

  private Label status(String status) {
    return coded("record.status.", status);
  }

  /** A code shown by its text in the bundles ({@code prefix + code}), or as it is. */
  private Label coded(String prefix, String status) {
    if (status == null) {
      return null;
    }
    String key = prefix + status.toLowerCase(Locale.ROOT);
    String en = messages.getMessage(key, null, status, Locale.ENGLISH);
    String zh = messages.getMessage(key, null, status, Locale.CHINESE);
    return new Label(en, zh);
  }

  private String customer(String code) {
    if (code == null) {
      return null;
    }
    return customers
        .findByCode(code)
        .map(Customer::name)
        .map(n -> n + " (" + code + ")")
        .orElse(code);
  }

  private Label decisionLabel(String name) {
    return forms.label(name).orElseGet(() -> label("record.decision." + name));
  }

  private Label label(String key) {
    return new Label(
        messages.getMessage(key, null, Locale.ENGLISH),
        messages.getMessage(key, null, Locale.CHINESE));
  }

  private Field field(String key, Object value) {
    return new Field(label(key), value);
  }

  private Field field(String key, String en, String zh) {
    return new Field(label(key), new Label(en, zh));
  }

  private static String join(Object first, Object second) {
    if (first == null) {
      return second == null ? null : second.toString();
    }
    return second == null ? first.toString() : first + " · " + second;
  }
}
