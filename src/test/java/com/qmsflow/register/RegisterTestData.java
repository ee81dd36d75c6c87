package com.qmsflow.register;

import com.qmsflow.complaint.ComplaintFindings;
import com.qmsflow.complaint.ComplaintOpenDue;
import com.qmsflow.complaint.ComplaintRepository;
import com.qmsflow.records.Parties;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A known data set of the registers, written straight into the project's tables (the register reads
 * nothing else): four complaints, two 8D reports, two changes, with their recorded steps, values
 * and escalations, and the complaints' finding columns filled from those values. Times are plant
 * time (Asia/Shanghai).
 *
 * <ul>
 *   <li>RG-0001 C001 (A) quality/serious, batch B-RG-100, closed; production and quality had tasks;
 *       its 8D 8D-RG-0001 had an engineering task. Responsible department first engineering, then
 *       production (the latest counts).
 *   <li>RG-0002 C009 (B) delivery/minor, batch B-RG-200, open with an engineering/quality step
 *       overdue and escalated; texts that begin like spreadsheet formulas.
 *   <li>RG-0003 C013 (C) service/minor, batch B-RG-300, open, a sales step due in 2099.
 *   <li>RG-0004 C001 (A) environmental/minor, batch B-RG-400, closed; general affairs had a task.
 *   <li>8D-RG-0002 raised without a complaint, open, a quality step overdue.
 *   <li>CR-RG-0001 requested by engineer (engineering), in review, production reviews; CR-RG-0002
 *       requested by quality, closed.
 * </ul>
 */
final class RegisterTestData {

  static final ZoneId PLANT = ZoneId.of("Asia/Shanghai");

  private final JdbcClient jdbc;

  RegisterTestData(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  static Timestamp at(String plantDateTime) {
    return Timestamp.from(LocalDateTime.parse(plantDateTime).atZone(PLANT).toInstant());
  }

  void insert() {
    if (jdbc.sql("select count(*) from complaint where complaint_number = 'RG-0001'")
            .query(Long.class)
            .single()
        > 0) {
      return;
    }
    complaint(
        "RG-0001",
        "pi-rg-1",
        "C001",
        "A",
        "quality",
        "serious",
        "Mono PERC module 550 W",
        "M550-144",
        "B-RG-100",
        "BREAKAGE",
        1000,
        10,
        "Cracked glass at the corners",
        "2025-03-10T09:00",
        "CLOSED",
        "2025-04-01T10:00");
    process("pi-rg-1", "complaint-handling", "RG-0001", null, "pi-rg-1", "2025-03-10T09:00");
    step(
        "t-rg-1a",
        "pi-rg-1",
        "userTaskAnalyseValidityAndCause",
        "quality",
        "quality",
        "2025-03-11T09:00",
        "2025-03-14T09:00",
        "2025-03-12T09:00",
        true);
    step(
        "t-rg-1b",
        "pi-rg-1",
        "userTaskCorrectNonconformity",
        "production",
        "production",
        "2025-03-12T09:00",
        "2025-03-20T09:00",
        "2025-03-15T09:00",
        true);
    step(
        "t-rg-1c",
        "pi-rg-1",
        "userTaskReplyInWriting",
        "sales",
        "sales",
        "2025-03-16T09:00",
        "2025-03-21T09:00",
        "2025-03-20T10:00",
        true);
    value("pi-rg-1", "t-rg-1a", "responsibleDepartment", "string", "engineering");
    value("pi-rg-1", null, "responsibleDepartment", "string", "production");
    value("pi-rg-1", "t-rg-1a", "responsibility", "string", "productQuality");
    value("pi-rg-1", "t-rg-1a", "causeOrigin", "string", "ownPlant");
    value("pi-rg-1", "t-rg-1a", "causeAnalysis", "string", "Lamination pressure too high");
    value("pi-rg-1", "t-rg-1b", "correctionActions", "string", "Adjusted the laminator");
    value("pi-rg-1", null, "permanentActions", "string", "SPC on lamination pressure");
    value("pi-rg-1", null, "eightDNumber", "string", "8D-RG-0001");
    value("pi-rg-1", null, "compensationDecision", "string", "approved");
    value("pi-rg-1", null, "approvedCompensationAmount", "long", "5000");
    value("pi-rg-1", "t-rg-1c", "replySentDate", "date", "2025-03-20T02:00:00Z");

    complaint(
        "RG-0002",
        "pi-rg-2",
        "C009",
        "B",
        "delivery",
        "minor",
        "+Frame kit",
        null,
        "B-RG-200",
        "LATE-DELIVERY",
        200,
        200,
        "=HYPERLINK(\"http://example.invalid\",\"click\")",
        "2025-05-02T14:30",
        "OPEN",
        null);
    process("pi-rg-2", "complaint-handling", "RG-0002", null, "pi-rg-2", "2025-05-02T14:30");
    step(
        "t-rg-2a",
        "pi-rg-2",
        "userTaskAnalyseValidityAndCause",
        "engineering,quality",
        null,
        "2025-05-03T09:00",
        "2020-01-01T09:00",
        null,
        null);
    value("pi-rg-2", null, "causeOrigin", "string", "supplier");
    value("pi-rg-2", null, "responsibleDepartment", "string", "material-control");
    value("pi-rg-2", null, "correctionActions", "string", "@SUM(A1:A2)");
    escalation("RG-0002", "pi-rg-2", "t-rg-2a", "2020-01-02T09:00");

    complaint(
        "RG-0003",
        "pi-rg-3",
        "C013",
        "C",
        "service",
        "minor",
        "Junction box",
        "JB-3",
        "B-RG-300",
        "SLOW-RESPONSE",
        null,
        null,
        "客户投诉响应慢, no answer for a week",
        "2025-06-15T08:00",
        "OPEN",
        null);
    process("pi-rg-3", "complaint-handling", "RG-0003", null, "pi-rg-3", "2025-06-15T08:00");
    step(
        "t-rg-3a",
        "pi-rg-3",
        "userTaskConfirmWithCustomer",
        "sales",
        null,
        "2025-06-15T09:00",
        "2099-01-01T09:00",
        null,
        null);

    complaint(
        "RG-0004",
        "pi-rg-4",
        "C001",
        "A",
        "environmental",
        "minor",
        "Plant noise",
        null,
        "B-RG-400",
        "ENV-NOISE",
        null,
        null,
        "Noise at night from the plant",
        "2025-07-01T20:00",
        "CLOSED",
        "2025-07-05T11:00");
    process("pi-rg-4", "complaint-handling", "RG-0004", null, "pi-rg-4", "2025-07-01T20:00");
    step(
        "t-rg-4a",
        "pi-rg-4",
        "userTaskInvestigateEnvironmentalComplaint",
        "general-affairs",
        "affairs",
        "2025-07-02T09:00",
        "2025-07-04T09:00",
        "2025-07-03T09:00",
        true);
    value("pi-rg-4", "t-rg-4a", "environmentalResponsibleDepartment", "string", "general-affairs");

    correctiveAction(
        "8D-RG-0001",
        "pi-rg-8d-1",
        "RG-0001",
        "Cracked glass",
        "CLOSED",
        "2025-03-13T09:00",
        "2025-03-30T09:00");
    process(
        "pi-rg-8d-1", "corrective-action", "8D-RG-0001", "pi-rg-1", "pi-rg-1", "2025-03-13T09:00");
    step(
        "t-rg-8d-1a",
        "pi-rg-8d-1",
        "userTaskD4RootCause",
        "engineering",
        "engineer",
        "2025-03-13T09:00",
        "2025-03-20T09:00",
        "2025-03-18T09:00",
        true);
    value("pi-rg-8d-1", "t-rg-8d-1a", "rootCause", "string", "Worn laminator membrane");
    value(
        "pi-rg-8d-1",
        "t-rg-8d-1a",
        "permanentActions",
        "string",
        "Membrane change every 5000 cycles");

    correctiveAction(
        "8D-RG-0002",
        "pi-rg-8d-2",
        null,
        "Internal audit: solder voids",
        "OPEN",
        "2025-08-01T09:00",
        null);
    process(
        "pi-rg-8d-2", "corrective-action", "8D-RG-0002", null, "pi-rg-8d-2", "2025-08-01T09:00");
    step(
        "t-rg-8d-2a",
        "pi-rg-8d-2",
        "userTaskD1Team",
        "quality",
        null,
        "2025-08-01T09:00",
        "2020-01-01T09:00",
        null,
        null);

    change(
        "CR-RG-0001",
        "pi-rg-cr-1",
        "engineering-process",
        "C001",
        "K-2025-17",
        "Switch to a new backsheet supplier",
        "engineer",
        "IN_REVIEW",
        "2025-09-01T09:00",
        null);
    process("pi-rg-cr-1", "contract-change", "CR-RG-0001", null, "pi-rg-cr-1", "2025-09-01T09:00");
    value("pi-rg-cr-1", null, "requesterGroup", "string", "engineering");
    step(
        "t-rg-cr-1a",
        "pi-rg-cr-1",
        "userTaskProductionReview",
        "production",
        null,
        "2025-09-02T09:00",
        "2099-01-01T09:00",
        null,
        null);

    change(
        "CR-RG-0002",
        "pi-rg-cr-2",
        "customer-cost-optimisation",
        "C009",
        "K-2025-18",
        "Cheaper packaging",
        "quality",
        "CLOSED",
        "2025-10-01T09:00",
        "2025-10-20T09:00");
    process("pi-rg-cr-2", "contract-change", "CR-RG-0002", null, "pi-rg-cr-2", "2025-10-01T09:00");
    value("pi-rg-cr-2", null, "requesterGroup", "string", "quality");

    // the complaints' finding columns from the values above, as the recorder keeps them (V29)
    new ComplaintFindings(jdbc).fillAll();
    // and their earliest open due dates from the steps above (V37)
    new ComplaintOpenDue(jdbc).fillAll();
  }

  private void complaint(
      String number,
      String pi,
      String customer,
      String tier,
      String category,
      String severity,
      String product,
      String model,
      String batch,
      String defect,
      Integer purchased,
      Integer defective,
      String description,
      String received,
      String status,
      String closed) {
    jdbc.sql(
            """
            insert into complaint (complaint_number, process_instance_id, customer_code, tier, category,
                channel, product_name, product_model, batch_number, defect_code, quantity_purchased,
                quantity_defective, description, severity, status, received_at, closed_at, search_text)
            values (?, ?, ?, ?, ?, 'email', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)\
            """)
        .params(
            number,
            pi,
            customer,
            tier,
            category,
            product,
            model,
            batch,
            defect,
            purchased,
            defective,
            description,
            severity,
            status,
            at(received),
            closed == null ? null : at(closed),
            ComplaintRepository.searchText(number, customer, product, model, batch, description))
        .update();
  }

  private void process(
      String pi, String key, String businessKey, String superPi, String root, String started) {
    jdbc.sql(
            """
            insert into process_record (process_instance_id, process_key, process_definition_id,
                business_key, super_process_instance_id, root_process_instance_id, started_at)
            values (?, ?, ?, ?, ?, ?, ?)\
            """)
        .params(pi, key, key + ":1:test", businessKey, superPi, root, at(started))
        .update();
  }

  private void step(
      String taskId,
      String pi,
      String key,
      String groups,
      String completedBy,
      String created,
      String due,
      String ended,
      Boolean onTime) {
    jdbc.sql(
            """
            insert into process_step (task_id, process_instance_id, task_definition_key, task_name,
                candidate_groups, assignee, created_at, due_at, ended_at, completed_by, outcome, on_time)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)\
            """)
        .params(
            taskId,
            pi,
            key,
            key,
            groups,
            completedBy,
            at(created),
            at(due),
            ended == null ? null : at(ended),
            completedBy,
            ended == null ? null : "completed",
            onTime)
        .update();
    // who had the task, as records/RecordRepository writes it with each step (V19)
    java.util.Set<String> parties = new java.util.LinkedHashSet<>();
    if (groups != null) {
      for (String group : groups.split(",")) {
        parties.add(Parties.group(group.trim()));
      }
    }
    if (completedBy != null) {
      parties.add(Parties.user(completedBy));
    }
    for (String party : parties) {
      jdbc.sql(
              """
              insert into process_party (process_instance_id, root_process_instance_id, party)
              select r.process_instance_id, r.root_process_instance_id, ? from process_record r
              where r.process_instance_id = ? and not exists
                (select 1 from process_party p where p.process_instance_id = ? and p.party = ?)\
              """)
          .params(party, pi, pi, party)
          .update();
    }
  }

  private void value(String pi, String taskId, String name, String type, String text) {
    jdbc.sql(
            "insert into record_value (process_instance_id, task_id, name, value_type, text_value,"
                + " recorded_at) values (?, ?, ?, ?, ?, ?)")
        .params(pi, taskId, name, type, text, Timestamp.from(Instant.parse("2025-01-01T00:00:00Z")))
        .update();
  }

  private void escalation(String businessKey, String pi, String taskId, String at) {
    jdbc.sql(
            """
            insert into escalation (business_key, process_instance_id, task_id, task_definition_key,
                task_name, escalation_level, escalated_to_group, due_date, escalated_at)
            values (?, ?, ?, 'userTaskAnalyseValidityAndCause', 'Analyse', 1, 'quality-management', ?, ?)\
            """)
        .params(businessKey, pi, taskId, at("2020-01-01T09:00"), at(at))
        .update();
  }

  private void correctiveAction(
      String number,
      String pi,
      String complaint,
      String title,
      String status,
      String raised,
      String closed) {
    jdbc.sql(
            "insert into corrective_action (eight_d_number, process_instance_id, complaint_number,"
                + " problem_title, status, raised_at, closed_at) values (?, ?, ?, ?, ?, ?, ?)")
        .params(
            number, pi, complaint, title, status, at(raised), closed == null ? null : at(closed))
        .update();
  }

  private void change(
      String number,
      String pi,
      String type,
      String customer,
      String contract,
      String description,
      String requester,
      String state,
      String raised,
      String closed) {
    jdbc.sql(
            """
            insert into change_request (change_number, process_instance_id, change_type, customer_code,
                contract_reference, description, requester, state, raised_at, closed_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)\
            """)
        .params(
            number,
            pi,
            type,
            customer,
            contract,
            description,
            requester,
            state,
            at(raised),
            closed == null ? null : at(closed))
        .update();
  }
}
