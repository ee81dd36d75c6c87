package com.qmsflow.bench;

import com.qmsflow.records.OnTimeCounts;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Copies complaints the engine really ran ("templates") in SQL, set-based, as many times as asked:
 * every row the engine and the application wrote for a template instance (Camunda's history,
 * runtime and byte array rows, the project's complaint, attachment, notification, escalation and
 * survey rows) is inserted again per copy with
 *
 * <ul>
 *   <li>every id the instance owns (any text value equal to the id of one of its rows) remapped
 *       consistently: the last 12 characters (the node part of the engine's time-based UUIDs, the
 *       same for every id the template's JVM made) replaced by the copy number in hex;
 *   <li>a new complaint number CC-&lt;year of receipt&gt;-&lt;6 digits&gt; (after the counter of
 *       that year, which is moved past them), another demo customer of the template's tier and a
 *       batch number of its own (so copies are no recurrences of one batch), wherever a text column
 *       holds the template's number, customer code, customer name or batch number (and any id of
 *       the template's JVM inside a text, e.g. a task id in a notification's key);
 *   <li>every timestamp moved by the copy's shift: finished copies start at a random instant of the
 *       past 24 months; open copies within the template's safe window, so that no copied timer is
 *       due while the benchmark runs.
 * </ul>
 *
 * Which columns hold ids or text to replace is read from the template rows themselves, so the SQL
 * follows whatever the engine wrote. Plain indexes of the filled tables are dropped during the load
 * and recreated from their own definitions afterwards, then the tables are analysed.
 */
final class HistoryGenerator {

  /** A process instance of the engine to copy; its complaint number is its business key. */
  record Template(
      String processInstanceId, String complaintNumber, boolean open, String openTaskGroup) {}

  record Result(
      int historicComplaints,
      int openComplaints,
      long rowsInserted,
      Map<String, Long> rowsPerTable,
      double seconds,
      double indexSeconds,
      long databaseBytesBefore,
      long databaseBytesAfter,
      double openWindowHours) {}

  /** The tables a complaint writes to, in an order that satisfies their foreign keys. */
  private static final List<String> HISTORY_TABLES =
      List.of(
          "act_hi_procinst",
          "act_hi_actinst",
          "act_hi_taskinst",
          "act_hi_varinst",
          "act_hi_detail",
          "act_hi_identitylink",
          "act_hi_op_log",
          "act_hi_job_log",
          "act_hi_incident",
          "act_hi_decinst",
          "act_hi_dec_in",
          "act_hi_dec_out",
          "act_hi_comment",
          "act_hi_attachment",
          "act_hi_ext_task_log");

  private static final List<String> RUNTIME_TABLES =
      List.of(
          "act_ru_execution",
          "act_ru_task",
          "act_ru_identitylink",
          "act_ru_variable",
          "act_ru_job",
          "act_ru_event_subscr",
          "act_ru_incident",
          "act_ru_ext_task");
  private static final List<String> PROJECT_TABLES =
      List.of(
          "complaint",
          "attachment",
          "notification",
          "escalation",
          "satisfaction_survey",
          "corrective_action",
          // the records: the on-time dashboard reads each step's department (issue 21), the record
          // page and the PDF every recorded value, the register's access rule the parties
          "process_record",
          "process_step",
          "record_value",
          "process_party");

  /**
   * History no measured request reads (activity instances, variable updates, decisions, job and
   * operation logs): not copied unless -Dbench.fullHistory=true. A finished complaint is about 465
   * rows in full and about 50 as copied by default; 200,000 complete ones are about 100 million
   * rows and 60 GB, more than the benchmark's 15 minutes allow on 2 cores. (The engine updates an
   * activity instance's history row by id when it ends; a missing row is no error, as the check
   * that completes a copied task shows.)
   */
  static final List<String> UNREAD_HISTORY =
      List.of(
          "act_hi_actinst",
          "act_hi_detail",
          "act_hi_op_log",
          "act_hi_job_log",
          "act_hi_decinst",
          "act_hi_dec_in",
          "act_hi_dec_out",
          "act_hi_ext_task_log");

  static final boolean FULL_HISTORY = Boolean.getBoolean("bench.fullHistory");

  /**
   * Of the historic variables (79 per finished complaint) only those GET /api/complaints/{number}
   * reads of an ended complaint are copied, unless -Dbench.fullHistory=true (the runtime variables
   * of open complaints are all copied).
   */
  static final String READ_HISTORIC_VARIABLES = "'tier', 'severity', 'recurrenceResolution'";

  /** Columns that point at a byte array row. */
  private static final List<String> BYTE_ARRAY_REFERENCES =
      List.of(
          "bytearray_id_",
          "exception_stack_id_",
          "job_exception_stack_id_",
          "error_details_id_",
          "content_id_");

  /** Safety margin before the earliest copied timer of an open complaint. */
  private static final double TIMER_MARGIN_HOURS = 2;

  /** Open complaints wait at most this long (when no timer limits it). */
  private static final double MAX_OPEN_AGE_HOURS = 30 * 24;

  private static final int HISTORY_DAYS = 730;

  private final String url;

  HistoryGenerator(String url) {
    this.url = url;
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(url, "postgres", "postgres");
  }

  /**
   * Makes {@code historic} copies of the finished templates and {@code open} copies of the open
   * ones (round robin), with the application stopped.
   */
  Result generate(List<Template> templates, int historic, int open) throws Exception {
    long begin = System.nanoTime();
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      long sizeBefore = single(s, "select pg_database_size(current_database())");
      s.execute("drop schema if exists gen cascade");
      s.execute("create schema gen");
      prepareTemplates(s, templates);
      double window =
          value(s, "select coalesce(min(window_hours), 0) from gen.template where open");
      prepareCopies(s, historic, open);
      List<String> tables = new ArrayList<>();
      for (String table : concat(HISTORY_TABLES, RUNTIME_TABLES, PROJECT_TABLES)) {
        if (exists(s, table) && extractTemplateRows(s, table) > 0) {
          tables.add(table);
        }
      }
      s.execute(
          "create table gen.owned as select distinct id, tpl from ("
              + String.join(
                  " union all ",
                  tables.stream()
                      .filter(t -> t.startsWith("act_"))
                      .map(t -> "select id_ as id, tpl from gen.t_" + t)
                      .toList())
              + ") ids where id is not null");
      // byte arrays of the template rows (variables, job exceptions, attachments)
      List<String> references = new ArrayList<>();
      for (String table : tables) {
        if (!FULL_HISTORY && UNREAD_HISTORY.contains(table)) {
          continue; // not copied, so neither are the byte arrays only its rows refer to
        }
        for (String column : columns(s, "gen", "t_" + table).keySet()) {
          if (BYTE_ARRAY_REFERENCES.contains(column)) {
            references.add(
                "select "
                    + column
                    + " as id, tpl from gen.t_"
                    + table
                    + " where "
                    + column
                    + " is not null");
          }
        }
      }
      s.execute(
          "create table gen.t_act_ge_bytearray as select b.*, r.tpl from act_ge_bytearray b join"
              + " (select distinct id, tpl from ("
              + String.join(" union all ", references)
              + ") refs) r on r.id = b.id_");
      s.execute("insert into gen.owned select id_, tpl from gen.t_act_ge_bytearray");
      s.execute("create index on gen.owned (id)");
      tables.add(0, "act_ge_bytearray");
      // authorizations of the instance and of its tasks (e.g. the candidate groups' READ on a task,
      // which has no root instance id)
      s.execute(
          """
          create table gen.t_act_ru_authorization as select distinct on (r.id_) r.*, o.tpl from act_ru_authorization r
          join gen.owned o on o.id = r.resource_id_ or o.id = r.root_proc_inst_id_\
          """);
      s.execute("insert into gen.owned select id_, tpl from gen.t_act_ru_authorization");
      tables.add("act_ru_authorization");
      s.execute("analyze gen.owned");

      List<String> indexes = dropIndexes(s, tables);
      Map<String, Long> rows = new LinkedHashMap<>();
      // history and byte arrays have no foreign keys among them: two at a time (2 cores)
      List<String> parallel =
          tables.stream()
              .filter(t -> t.startsWith("act_hi_") || t.equals("act_ge_bytearray"))
              .toList();
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        Map<String, Future<Long>> inserts = new LinkedHashMap<>();
        for (String table : parallel) {
          inserts.put(
              table,
              pool.submit(
                  () -> {
                    try (Connection own = connect();
                        Statement st = own.createStatement()) {
                      return copy(st, table);
                    }
                  }));
        }
        for (Map.Entry<String, Future<Long>> insert : inserts.entrySet()) {
          rows.put(insert.getKey(), insert.getValue().get());
        }
      } finally {
        pool.shutdown();
      }
      for (String table : tables) {
        if (!parallel.contains(table)) {
          rows.put(table, copy(s, table));
        }
      }
      // the register's lower-cased search column as complaint/ComplaintRepository.searchText
      // writes it (the copy's text replacement matches the templates' upper-case texts only),
      // before the indexes are back
      s.execute(
          """
          update complaint set search_text = lower(concat_ws(' ', coalesce(complaint_number, ''),
            coalesce(customer_code, ''), coalesce(product_name, ''), coalesce(product_model, ''),
            coalesce(batch_number, ''), coalesce(description, '')))\
          """);
      long indexBegin = System.nanoTime();
      recreate(indexes);
      double indexSeconds = (System.nanoTime() - indexBegin) / 1e9;
      s.execute(
          """
          update number_counter n set last_value = greatest(n.last_value, g.last)
          from (select year, max(seq) as last from gen.copy group by year) g
          where n.sequence_name = 'complaint' and n.counter_year = g.year\
          """);
      for (String table : tables) {
        s.execute("analyze " + table);
      }
      // the on-time summary (issue 21): what the copies' steps would have counted as they were
      // completed, counted as V33 counts an existing installation (the dashboard reads only it)
      long countBegin = System.nanoTime();
      long completions = OnTimeCounts.rebuild(c, ZoneId.of(LifecycleLoad.ZONE));
      s.execute("analyze on_time_month");
      rows.put("on_time_month", single(s, "select count(*) from on_time_month"));
      System.out.printf(
          "on-time summary: %,d completions counted in %.1f s%n",
          completions, (System.nanoTime() - countBegin) / 1e9);
      long sizeAfter = single(s, "select pg_database_size(current_database())");
      return new Result(
          historic,
          open,
          rows.values().stream().mapToLong(Long::longValue).sum(),
          rows,
          (System.nanoTime() - begin) / 1e9,
          indexSeconds,
          sizeBefore,
          sizeAfter,
          window);
    }
  }

  /**
   * gen.template: per template its number, customer, tier, start and, for an open one, the window
   * its copies may start in (until its earliest timer minus a margin, at most 30 days back).
   */
  private static void prepareTemplates(Statement s, List<Template> templates) throws SQLException {
    s.execute(
        """
        create table gen.template (id text primary key, number text not null, open boolean not null,
          task_group text, customer text, customer_name text, tier text, batch text, start_time timestamptz,
          window_hours float8)\
        """);
    for (Template t : templates) {
      s.execute(
          "insert into gen.template (id, number, open, task_group) values ('%s', '%s', %s, %s)"
              .formatted(
                  t.processInstanceId(),
                  t.complaintNumber(),
                  t.open(),
                  t.openTaskGroup() == null ? "null" : "'" + t.openTaskGroup() + "'"));
    }
    s.execute(
        """
        update gen.template t set customer = c.customer_code, tier = c.tier, customer_name = cu.name,
          batch = c.batch_number, start_time = p.start_time_
        from complaint c join customer cu on cu.code = c.customer_code, act_hi_procinst p
        where c.process_instance_id = t.id and p.id_ = t.id\
        """);
    s.execute(
        """
        update gen.template t set window_hours = least(%s, coalesce(
          (select extract(epoch from min(j.duedate_) - now()) / 3600 - %s from act_ru_job j
            where j.process_instance_id_ = t.id and j.duedate_ is not null), %s))
        where open\
        """
            .formatted(MAX_OPEN_AGE_HOURS, TIMER_MARGIN_HOURS, MAX_OPEN_AGE_HOURS));
    long missing =
        single(
            s,
            "select count(*) from gen.template where tier is null or (open and window_hours <= 0)");
    if (missing > 0) {
      throw new IllegalStateException(
          missing
              + " templates without complaint row or with a timer due within "
              + TIMER_MARGIN_HOURS
              + " h");
    }
    // the demo customers of each tier (R__demo_customers.sql: C001-C008 A, C009-C012 B, C013-C015
    // C)
    s.execute(
        """
        create table gen.customer as select code, name, tier, row_number() over (partition by tier order by code) - 1 as k
        from (select code, name, case when code <= 'C008' then 'A' when code <= 'C012' then 'B' else 'C' end as tier
          from customer where code between 'C001' and 'C015') c\
        """);
  }

  /**
   * gen.copy: per copy n its template, time shift, customer, complaint number and id suffix;
   * finished copies are 1..historic, open ones follow.
   */
  private static void prepareCopies(Statement s, int historic, int open) throws SQLException {
    s.execute("select setseed(0.2026)");
    s.execute(
        """
        create table gen.copy as
        with finished as (select id, row_number() over (order by id) - 1 as k, count(*) over () as n from gen.template where not open),
          waiting as (select id, row_number() over (order by id) - 1 as k, count(*) over () as n from gen.template where open),
          copies as (
            select g as n, f.id as template, now() - random() * interval '%d days' as begins
            from generate_series(1, %d) g join finished f on f.k = (g - 1) %% f.n
            union all
            select g, w.id, now() - random() * make_interval(secs => t.window_hours * 3600)
            from generate_series(%d, %d) g join waiting w on w.k = (g - %d) %% w.n join gen.template t on t.id = w.id)
        select c.n, c.template, c.begins - t.start_time as shift,
          extract(year from c.begins at time zone 'Asia/Shanghai')::int as year,
          lpad(to_hex(c.n), 12, '0') as suffix, cu.code as customer, cu.name as customer_name,
          'B' || lpad(c.n::text, 7, '0') as batch
        from copies c join gen.template t on t.id = c.template
        join gen.customer cu on cu.tier = t.tier
          and cu.k = c.n %% (select count(*) from gen.customer x where x.tier = t.tier)\
        """
            .formatted(HISTORY_DAYS, historic, historic + 1, historic + open, historic + 1));
    s.execute("alter table gen.copy add column seq int, add column number text");
    s.execute(
        """
        update gen.copy c set seq = r.seq, number = 'CC-' || c.year || '-' || lpad(r.seq::text, 6, '0')
        from (select n, row_number() over (partition by year order by shift, n)
            + coalesce((select last_value from number_counter where sequence_name = 'complaint' and counter_year = year), 0) as seq
          from gen.copy) r
        where r.n = c.n\
        """);
    s.execute("alter table gen.copy add primary key (n)");
    s.execute("analyze gen.copy");
  }

  /**
   * gen.t_&lt;table&gt;: the template rows of a table with their template (tpl); returns their
   * number.
   */
  private static long extractTemplateRows(Statement s, String table) throws SQLException {
    Map<String, String> columns = columns(s, "public", table);
    String from;
    if (table.equals("process_record")) {
      from = "join gen.template t on t.id = r.root_process_instance_id";
    } else if (table.equals("process_party")) {
      from = "join gen.template t on t.id = r.root_process_instance_id";
    } else if (table.equals("process_step") || table.equals("record_value")) {
      from =
          "join process_record pr on pr.process_instance_id = r.process_instance_id"
              + " join gen.template t on t.id = pr.root_process_instance_id";
    } else if (PROJECT_TABLES.contains(table)) {
      String number =
          switch (table) {
            case "attachment" -> "r.owner_number";
            case "notification", "escalation" -> "r.business_key";
            default -> "r.complaint_number";
          };
      from = "join gen.template t on t.number = " + number;
    } else if (table.startsWith("act_ru_") && columns.containsKey("proc_inst_id_")) {
      // runtime rows by their process instance: child executions carry no root instance id
      from =
          "join act_ru_execution e on e.id_ = r.proc_inst_id_ join gen.template t on t.id ="
              + " e.root_proc_inst_id_";
    } else if (table.startsWith("act_ru_") && columns.containsKey("process_instance_id_")) {
      from =
          "join act_ru_execution e on e.id_ = r.process_instance_id_ join gen.template t on t.id ="
              + " e.root_proc_inst_id_";
    } else if (columns.containsKey("root_proc_inst_id_")) {
      from = "join gen.template t on t.id = r.root_proc_inst_id_";
    } else if (table.equals("act_ru_identitylink")) {
      from =
          "join act_ru_task k on k.id_ = r.task_id_ join gen.template t on t.id = k.proc_inst_id_";
    } else {
      throw new IllegalStateException("No way to find the template rows of " + table);
    }
    s.execute(
        "create table gen.t_" + table + " as select r.*, t.id as tpl from " + table + " r " + from);
    return single(s, "select count(*) from gen.t_" + table);
  }

  /** Inserts every copy of the table's template rows; returns the rows inserted. */
  private static long copy(Statement s, String table) throws SQLException {
    List<String> targets = new ArrayList<>();
    List<String> values = new ArrayList<>();
    String rows = "gen.t_" + table;
    for (Map.Entry<String, String> column : columns(s, "public", table).entrySet()) {
      String name = column.getKey();
      String type = column.getValue();
      if (type.equals("identity")) {
        continue;
      }
      targets.add(name);
      String value = "r." + name;
      if (type.startsWith("timestamp")) {
        value = value + " + c.shift";
      } else if (type.equals("character varying") || type.equals("text")) {
        boolean anyOwned =
            exists(
                s, "select 1 from " + rows + " where " + name + " in (select id from gen.owned)");
        boolean allOwned =
            anyOwned
                && !exists(
                    s,
                    "select 1 from "
                        + rows
                        + " where "
                        + name
                        + " is not null and "
                        + name
                        + " not in (select id from gen.owned)");
        boolean text =
            exists(
                s,
                "select 1 from "
                    + rows
                    + " x join gen.template t on t.id = x.tpl where position(t.number in x."
                    + name
                    + ") > 0 or position(t.customer_name in x."
                    + name
                    + ") > 0 or x."
                    + name
                    + " = t.customer"
                    + " or position(t.batch in x."
                    + name
                    + ") > 0");
        String replaced =
            text
                ? "replace(replace(replace(replace("
                    + value
                    + ", t.number, c.number), t.customer_name, "
                    + "c.customer_name), t.customer, c.customer), t.batch, c.batch)"
                : value;
        // ids inside an application text (e.g. a task id in a notification's key): every id with
        // the node of the template's JVM (the engine's own texts hold shared ids such as process
        // definition ids of that JVM, so only the project's tables)
        if (PROJECT_TABLES.contains(table)
            && exists(
                s,
                "select 1 from "
                    + rows
                    + " x join gen.template t on t.id = x.tpl"
                    + " where position(right(t.id, 12) in x."
                    + name
                    + ") > 0")) {
          replaced =
              "regexp_replace("
                  + replaced
                  + ", '([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-)' || right(t.id, 12), "
                  + "'\\1' || c.suffix, 'g')";
        }
        String remapped = "left(" + value + ", -12) || c.suffix";
        if (allOwned) {
          value = remapped;
        } else if (anyOwned) {
          value =
              "case when "
                  + value
                  + " in (select id from gen.owned) then "
                  + remapped
                  + " else "
                  + replaced
                  + " end";
        } else {
          value = replaced;
        }
      }
      values.add(value);
    }
    String sql =
        "insert into "
            + table
            + " ("
            + String.join(", ", targets)
            + ") select "
            + String.join(", ", values)
            + " from gen.copy c join gen.template t on t.id = c.template join "
            + rows
            + " r on r.tpl = c.template"
            + (FULL_HISTORY
                ? ""
                : UNREAD_HISTORY.contains(table)
                    ? " where false"
                    : table.equals("act_hi_varinst")
                        ? " where r.name_ in (" + READ_HISTORIC_VARIABLES + ")"
                        : "");
    try {
      return s.executeLargeUpdate(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("Copying " + table + " failed: " + sql, e);
    }
  }

  /** Drops the plain (not constraint) indexes of the tables; returns their definitions. */
  private static List<String> dropIndexes(Statement s, List<String> tables) throws SQLException {
    List<String> definitions = new ArrayList<>();
    List<String> names = new ArrayList<>();
    try (ResultSet r =
        s.executeQuery(
            """
            select i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) from pg_index i
            join pg_class t on t.oid = i.indrelid join pg_namespace n on n.oid = t.relnamespace
            where n.nspname = 'public' and t.relname = any(string_to_array('%s', ','))
              and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)\
            """
                .formatted(String.join(",", tables)))) {
      while (r.next()) {
        names.add(r.getString(1));
        definitions.add(r.getString(2));
      }
    }
    for (String name : names) {
      s.execute("drop index " + name);
    }
    return definitions;
  }

  /** Recreates indexes two at a time. */
  private void recreate(List<String> definitions) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> builds = new ArrayList<>();
      for (String definition : definitions) {
        builds.add(
            pool.submit(
                () -> {
                  try (Connection own = connect();
                      Statement st = own.createStatement()) {
                    st.execute("set maintenance_work_mem = '256MB'");
                    st.execute(definition);
                  }
                  return null;
                }));
      }
      for (Future<?> build : builds) {
        build.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  /** Column name to data type ("identity" for generated identity columns), in table order. */
  private static Map<String, String> columns(Statement s, String schema, String table)
      throws SQLException {
    Map<String, String> columns = new LinkedHashMap<>();
    try (ResultSet r =
        s.executeQuery(
            """
            select column_name, case when is_identity = 'YES' then 'identity' else data_type end
            from information_schema.columns where table_schema = '%s' and table_name = '%s' order by ordinal_position\
            """
                .formatted(schema, table))) {
      while (r.next()) {
        columns.put(r.getString(1), r.getString(2));
      }
    }
    if (schema.equals("gen")) {
      columns.remove("tpl");
    }
    return columns;
  }

  private static boolean exists(Statement s, String tableOrQuery) throws SQLException {
    String sql =
        tableOrQuery.startsWith("select")
            ? "select exists (" + tableOrQuery + ")"
            : "select to_regclass('public." + tableOrQuery + "') is not null";
    try (ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getBoolean(1);
    }
  }

  static long single(Statement s, String sql) throws SQLException {
    return (long) value(s, sql);
  }

  private static double value(Statement s, String sql) throws SQLException {
    try (ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getDouble(1);
    }
  }

  @SafeVarargs
  private static List<String> concat(List<String>... lists) {
    List<String> all = new ArrayList<>();
    for (List<String> list : lists) {
      all.addAll(list);
    }
    return all;
  }
}
