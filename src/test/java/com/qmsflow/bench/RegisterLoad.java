package com.qmsflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.qmsflow.complaint.ComplaintRepository;
import com.qmsflow.records.Parties;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The registers at scale (issue 16.8): {@code bench.registerComplaints} complaints (200,000; with
 * -Dbench.scale=large 1,000,000) are written straight into the project's tables in batches (the
 * register reads only those: {@code complaint}, {@code process_record}, {@code process_step},
 * {@code record_value}, {@code escalation}), four years of intake with three recorded steps and
 * five findings each, 5 % open (a third of them overdue), 2 % escalated. Then a freshly started
 * application answers, one request at a time over HTTP with Basic credentials:
 *
 * <ul>
 *   <li>filtered register searches ({@code GET /api/complaints?…}) as quality (reads everything)
 *       and as production (only complaints with a production task: the access predicate), p50/p95;
 *   <li>the export of a filtered list of about {@code bench.registerExportRows} (10,000) rows as
 *       {@code .xlsx} and as CSV, whole download.
 * </ul>
 *
 * Targets: filtered search p95 under 300 ms, export of 10,000 rows under 5 s.
 */
final class RegisterLoad {

  static final boolean LARGE = "large".equals(System.getProperty("bench.scale"));
  static final int COMPLAINTS =
      Integer.getInteger("bench.registerComplaints", LARGE ? 1_000_000 : 200_000);
  static final int EXPORT_ROWS = Integer.getInteger("bench.registerExportRows", 10_000);
  static final int SAMPLES = Integer.getInteger("bench.registerSamples", 40);
  private static final int BATCH = 5_000;
  private static final ZoneId PLANT = ZoneId.of("Asia/Shanghai");
  private static final LocalDate FIRST_DAY = LocalDate.of(2022, 3, 1);
  private static final int DAYS = 4 * 365;
  private static final String[] DEPARTMENTS = {
    "production", "engineering", "quality", "material-control", "sales"
  };
  private static final String[] CATEGORIES = {
    "quality", "quality", "quality", "delivery", "service"
  };
  private static final String[] DEFECTS = {
    "BREAKAGE", "CTM-DEVIATION", "EL-FALSE-PRINT", "APPEARANCE", "PACKAGING", "LATE-DELIVERY"
  };
  private static final String[] PRODUCTS = {
    "Mono PERC module 550 W",
    "Bifacial module 600 W",
    "TOPCon module 580 W",
    "Junction box",
    "Frame kit",
    "Poly module 330 W"
  };

  record Search(String name, String user, String query) {}

  record Result(
      int complaints,
      long rowsInserted,
      double insertSeconds,
      Map<String, Latencies.Stats> searches,
      Map<String, Long> matches,
      int exportRows,
      double xlsxSeconds,
      double csvSeconds,
      long xlsxBytes,
      long csvBytes) {}

  private RegisterLoad() {}

  static Result run(String jdbcUrl) throws Exception {
    try (AppProcess app = AppProcess.start("register-migrate", jdbcUrl, Map.of())) {
      // Flyway has created the tables and the demo customers
    }
    long started = System.nanoTime();
    long rows;
    try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "postgres")) {
      rows = generate(db);
      try (Statement s = db.createStatement()) {
        s.execute("analyze");
      }
    }
    double insertSeconds = (System.nanoTime() - started) / 1e9;
    System.out.printf(Locale.ROOT, "register: %d rows in %.0f s%n", rows, insertSeconds);

    double perDay = COMPLAINTS / (double) DAYS;
    int windowDays = (int) Math.ceil(EXPORT_ROWS / perDay);
    LocalDate exportTo = FIRST_DAY.plusDays(DAYS / 2);
    LocalDate exportFrom = exportTo.minusDays(windowDays - 1L);
    String year = String.valueOf(FIRST_DAY.getYear() + 2);
    List<Search> searches =
        List.of(
            new Search("list, newest first (quality)", "quality", ""),
            new Search("text: batch (quality)", "quality", "q=B" + String.format("%07d", 4711)),
            new Search("text: description word (quality)", "quality", "q=corners+4711"),
            new Search("status=overdue (quality)", "quality", "status=overdue"),
            new Search(
                "department + received year (quality)",
                "quality",
                "department=production&receivedFrom="
                    + year
                    + "-01-01&receivedTo="
                    + year
                    + "-12-31"),
            new Search(
                "causeOrigin=supplier&tier=A (quality)", "quality", "causeOrigin=supplier&tier=A"),
            new Search("escalated=true (quality)", "quality", "escalated=true"),
            new Search(
                "customer + closed, by closing (quality)",
                "quality",
                "customer=C003&status=closed&sort=-closed"),
            new Search("page 100 of 50 (quality)", "quality", "page=100"),
            new Search("list (production: own tasks only)", "production", ""),
            new Search(
                "text: batch (production)", "production", "q=B" + String.format("%07d", 4711)));

    Http http;
    Latencies latencies = new Latencies();
    Map<String, Long> matches = new LinkedHashMap<>();
    double xlsxSeconds;
    double csvSeconds;
    long xlsxBytes;
    long csvBytes;
    int exportRows;
    try (AppProcess app = AppProcess.start("register", jdbcUrl, Map.of())) {
      http = new Http(app.baseUrl());
      for (Search s : searches) {
        JsonNode first = http.json(s.user(), "/api/complaints?" + s.query());
        matches.put(s.name(), first.get("total").asLong());
        for (int i = 0; i < SAMPLES; i++) {
          long t = System.nanoTime();
          http.json(s.user(), "/api/complaints?" + s.query());
          latencies.record(s.name(), System.nanoTime() - t);
        }
      }
      String filter = "receivedFrom=" + exportFrom + "&receivedTo=" + exportTo + "&sort=received";
      exportRows = (int) http.json("quality", "/api/complaints?" + filter).get("total").asLong();
      // warm-up of both writers (the first .xlsx loads POI's and XMLBeans' classes)
      http.bytes("quality", "/api/complaints/export.csv?" + filter);
      http.bytes("quality", "/api/complaints/export.xlsx?" + filter);
      long t = System.nanoTime();
      xlsxBytes = http.bytes("quality", "/api/complaints/export.xlsx?" + filter).length;
      xlsxSeconds = (System.nanoTime() - t) / 1e9;
      t = System.nanoTime();
      byte[] csv = http.bytes("quality", "/api/complaints/export.csv?" + filter);
      csvSeconds = (System.nanoTime() - t) / 1e9;
      csvBytes = csv.length;
      long lines = new String(csv, java.nio.charset.StandardCharsets.UTF_8).lines().count();
      if (lines < exportRows + 1) {
        throw new IllegalStateException("CSV has " + lines + " lines for " + exportRows + " rows");
      }
    }
    return new Result(
        COMPLAINTS,
        rows,
        insertSeconds,
        latencies.stats(),
        matches,
        exportRows,
        xlsxSeconds,
        csvSeconds,
        xlsxBytes,
        csvBytes);
  }

  static String table(Result r) {
    StringBuilder t = new StringBuilder();
    t.append(
        String.format(
            Locale.ROOT,
            "%nRegister at scale: %d complaints, %d rows written in %.0f s; one request at a"
                + " time%n",
            r.complaints(),
            r.rowsInserted(),
            r.insertSeconds()));
    String row = "| %-44s | %8s | %8s | %8s | %8s |%n";
    t.append(
        String.format(
            Locale.ROOT, row, "GET /api/complaints?…", "matches", "p50 ms", "p95 ms", "max ms"));
    t.append(
        String.format(
            Locale.ROOT,
            row,
            "-".repeat(44),
            "-".repeat(8),
            "-".repeat(8),
            "-".repeat(8),
            "-".repeat(8)));
    r.searches()
        .forEach(
            (name, s) ->
                t.append(
                    String.format(
                        Locale.ROOT,
                        row,
                        name,
                        r.matches().get(name),
                        String.format(Locale.ROOT, "%.1f", s.p50Ms()),
                        String.format(Locale.ROOT, "%.1f", s.p95Ms()),
                        String.format(Locale.ROOT, "%.1f", s.maxMs()))));
    t.append(
        String.format(
            Locale.ROOT,
            "export of %d rows: .xlsx %.2f s (%d KB), CSV %.2f s (%d KB)%n",
            r.exportRows(),
            r.xlsxSeconds(),
            r.xlsxBytes() >> 10,
            r.csvSeconds(),
            r.csvBytes() >> 10));
    return t.toString();
  }

  // ---- data
  // ---------------------------------------------------------------------------------------

  private static long generate(Connection db) throws Exception {
    db.setAutoCommit(false);
    Random random = new Random(16);
    long rows = 0;
    Instant firstInstant = FIRST_DAY.atStartOfDay(PLANT).toInstant();
    long spanSeconds = DAYS * 86_400L;
    try (PreparedStatement complaint =
            db.prepareStatement(
                "insert into complaint (complaint_number, process_instance_id, customer_code, tier,"
                    + " category, channel, product_name, product_model, batch_number, defect_code,"
                    + " quantity_purchased, quantity_defective, description, severity, status,"
                    + " received_at, closed_at, search_text, responsibility,"
                    + " responsible_department, cause_origin, cause_analysis, correction_actions,"
                    + " reply_sent_date, open_due_at) values (?, ?, ?, ?, ?, 'email', ?, ?, ?, ?,"
                    + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        PreparedStatement process =
            db.prepareStatement(
                "insert into process_record (process_instance_id, process_key,"
                    + " process_definition_id, business_key, root_process_instance_id, started_at,"
                    + " ended_at, end_state) values (?, 'complaint-handling',"
                    + " 'complaint-handling:1:bench', ?, ?, ?, ?, ?)");
        PreparedStatement step =
            db.prepareStatement(
                "insert into process_step (task_id, process_instance_id, task_definition_key,"
                    + " task_name, candidate_groups, created_at, due_at, ended_at, completed_by,"
                    + " outcome, on_time) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        // who had a task, as records/RecordRepository writes it with each step (V19)
        PreparedStatement party =
            db.prepareStatement(
                "insert into process_party (process_instance_id, root_process_instance_id, party)"
                    + " values (?, ?, ?)");
        PreparedStatement value =
            db.prepareStatement(
                "insert into record_value (process_instance_id, task_id, name, value_type,"
                    + " text_value, recorded_at) values (?, ?, ?, 'string', ?, ?)");
        PreparedStatement escalation =
            db.prepareStatement(
                "insert into escalation (business_key, process_instance_id, task_id,"
                    + " task_definition_key, task_name, escalation_level, escalated_to_group,"
                    + " due_date, escalated_at) values (?, ?, ?, 'userTaskAnalyseValidityAndCause',"
                    + " 'Analyse', 1, 'quality-management', ?, ?)")) {
      for (int i = 0; i < COMPLAINTS; i++) {
        String number = String.format("RB-%08d", i);
        String pi = "rb-" + i;
        Instant received = firstInstant.plusSeconds(spanSeconds * i / COMPLAINTS);
        boolean open = i >= COMPLAINTS * 95L / 100;
        int customer = 1 + random.nextInt(15);
        String department = DEPARTMENTS[random.nextInt(DEPARTMENTS.length)];
        Instant closed = open ? null : received.plus(Duration.ofDays(10 + random.nextInt(30)));
        complaint.setString(1, number);
        complaint.setString(2, pi);
        String customerCode = String.format("C%03d", customer);
        complaint.setString(3, customerCode);
        complaint.setString(4, customer <= 8 ? "A" : customer <= 12 ? "B" : "C");
        complaint.setString(5, CATEGORIES[random.nextInt(CATEGORIES.length)]);
        String product = PRODUCTS[random.nextInt(PRODUCTS.length)];
        complaint.setString(6, product);
        String model = "M" + (100 + random.nextInt(50));
        complaint.setString(7, model);
        String batch = "B" + String.format("%07d", i / 20);
        complaint.setString(8, batch);
        complaint.setString(9, DEFECTS[random.nextInt(DEFECTS.length)]);
        complaint.setInt(10, 1000);
        complaint.setInt(11, 1 + random.nextInt(50));
        String description = "Modules arrived with cracked glass at the corners, delivery " + i;
        complaint.setString(12, description);
        complaint.setString(13, random.nextInt(10) == 0 ? "serious" : "minor");
        complaint.setString(14, open ? "OPEN" : "CLOSED");
        complaint.setTimestamp(15, Timestamp.from(received));
        complaint.setTimestamp(16, closed == null ? null : Timestamp.from(closed));
        // as complaint/ComplaintRepository writes it (V19); the parties of the steps are written
        // by records/PartyBackfill when the application starts on these tables
        complaint.setString(
            17,
            ComplaintRepository.searchText(
                number, customerCode, product, model, batch, description));
        process.setString(1, pi);
        process.setString(2, number);
        process.setString(3, pi);
        process.setTimestamp(4, Timestamp.from(received));
        process.setTimestamp(5, closed == null ? null : Timestamp.from(closed));
        process.setString(6, closed == null ? null : "completed");
        process.addBatch();
        String[][] steps = {
          {"userTaskAnalyseValidityAndCause", "quality"},
          {"userTaskCorrectNonconformity", department},
          {"userTaskReplyInWriting", "sales"}
        };
        java.util.Set<String> parties = new java.util.LinkedHashSet<>();
        Instant openDue = null;
        for (int s = 0; s < steps.length; s++) {
          Instant created = received.plus(Duration.ofDays(s * 3L));
          Instant due = created.plus(Duration.ofDays(3));
          boolean stepOpen = open && s == 1;
          if (open && s == 2) {
            break;
          }
          Instant ended = stepOpen ? null : created.plus(Duration.ofHours(4 + random.nextInt(90)));
          step.setString(1, pi + "-" + s);
          step.setString(2, pi);
          step.setString(3, steps[s][0]);
          step.setString(4, steps[s][0]);
          step.setString(5, steps[s][1]);
          step.setTimestamp(6, Timestamp.from(created));
          // a third of the open ones are past their due date
          Instant stepDue = stepOpen && i % 3 != 0 ? Instant.parse("2099-01-01T00:00:00Z") : due;
          step.setTimestamp(7, Timestamp.from(stepDue));
          if (stepOpen) {
            // the complaint's earliest open due date, as complaint/ComplaintOpenDue keeps it (V37)
            openDue = stepDue;
          }
          step.setTimestamp(8, ended == null ? null : Timestamp.from(ended));
          step.setString(
              9, ended == null ? null : steps[s][1].equals("sales") ? "sales" : "user" + s);
          step.setString(10, ended == null ? null : "completed");
          step.setObject(11, ended == null ? null : !ended.isAfter(due));
          step.addBatch();
          rows++;
          parties.add(Parties.group(steps[s][1]));
          if (ended != null) {
            parties.add(Parties.user(steps[s][1].equals("sales") ? "sales" : "user" + s));
          }
        }
        for (String p : parties) {
          party.setString(1, pi);
          party.setString(2, pi);
          party.setString(3, p);
          party.addBatch();
          rows++;
        }
        // drawn after the steps, as before V29 (the same data set)
        Map<String, String> values = new LinkedHashMap<>();
        values.put("responsibleDepartment", department);
        values.put("causeOrigin", random.nextInt(4) == 0 ? "supplier" : "ownPlant");
        values.put("responsibility", "productQuality");
        values.put("causeAnalysis", "Lamination pressure drift on line " + (1 + random.nextInt(6)));
        if (!open) {
          values.put("correctionActions", "Adjusted the laminator, re-trained the operator");
          values.put(
              "replySentDate",
              received.plus(Duration.ofDays(8)).atZone(PLANT).toLocalDate().toString());
        }
        // the finding columns, as complaint/ComplaintFindings fills them from these values (V29)
        complaint.setString(18, values.get("responsibility"));
        complaint.setString(19, values.get("responsibleDepartment"));
        complaint.setString(20, values.get("causeOrigin"));
        complaint.setString(21, values.get("causeAnalysis"));
        complaint.setString(22, values.get("correctionActions"));
        complaint.setString(23, values.get("replySentDate"));
        complaint.setTimestamp(24, openDue == null ? null : Timestamp.from(openDue));
        complaint.addBatch();
        Instant at = received.plus(Duration.ofDays(1));
        for (Map.Entry<String, String> v : values.entrySet()) {
          value.setString(1, pi);
          value.setString(2, pi + "-0");
          value.setString(3, v.getKey());
          value.setString(4, v.getValue());
          value.setTimestamp(5, Timestamp.from(at));
          value.addBatch();
          rows++;
        }
        if (i % 50 == 7) {
          escalation.setString(1, number);
          escalation.setString(2, pi);
          escalation.setString(3, pi + "-0");
          escalation.setTimestamp(4, Timestamp.from(received.plus(Duration.ofDays(3))));
          escalation.setTimestamp(5, Timestamp.from(received.plus(Duration.ofDays(4))));
          escalation.addBatch();
          rows++;
        }
        rows += 2;
        if ((i + 1) % BATCH == 0 || i == COMPLAINTS - 1) {
          complaint.executeBatch();
          process.executeBatch();
          step.executeBatch();
          party.executeBatch();
          value.executeBatch();
          escalation.executeBatch();
          db.commit();
        }
      }
    }
    db.setAutoCommit(true);
    return rows;
  }

  private static final class Http {
    private final HttpClient client =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final String base;

    Http(String base) {
      this.base = base;
    }

    JsonNode json(String user, String path) throws Exception {
      return json.readTree(bytes(user, path));
    }

    byte[] bytes(String user, String path) throws Exception {
      HttpResponse<byte[]> response =
          client.send(
              HttpRequest.newBuilder(URI.create(base + path))
                  .timeout(Duration.ofMinutes(2))
                  .header("Authorization", AppProcess.basic(user, user))
                  .header("Accept-Language", "en")
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            path
                + " as "
                + user
                + ": "
                + response.statusCode()
                + " "
                + new String(response.body()));
      }
      return response.body();
    }
  }
}
