package com.qmsflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Year;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * The customer archive at ERP size (issue 15 point 8): {@code bench.customers} customers (10,000)
 * with 3 contacts each and 3 years of revenue each are imported through the application as an
 * operator would load the first archive: the customer file (CSV, UTF-8, Chinese headers and names)
 * as dry run and commit, then the revenue file (30,000 rows) as dry run and commit, each timed end
 * to end (upload, parse, check against the archive, write, change log, tier recomputation, answer).
 * Checked: the archive then holds every customer, contact and figure, and a second dry run of the
 * same customer file finds nothing to change. Then {@code GET /api/customers?q=…} is timed one
 * request at a time as the list page and the registration's type-ahead call it: by part of a code,
 * by part of a Chinese name, a type-ahead of active customers (size 10), and a tier filter sorted
 * by rank. Targets: each import under 20 s, search p95 under 50 ms.
 *
 * <p>Flags: -Dbench.customers (10000), -Dbench.searchSamples (200 per kind, after 20 warm-ups).
 */
final class CustomerArchiveLoad {

  static final int CUSTOMERS = Integer.getInteger("bench.customers", 10_000);
  static final int SAMPLES = Integer.getInteger("bench.searchSamples", 200);
  private static final int WARM_UP = 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String[] CITIES = {
    "苏州", "无锡", "常州", "杭州", "宁波", "合肥", "南京", "上海", "嘉兴", "扬州", "盐城", "徐州"
  };
  private static final String[] WORDS = {
    "光伏", "能源", "新材料", "电子", "科技", "阳光", "晶体", "储能", "电力", "照明", "汽车", "智能"
  };
  private static final String[] FORMS = {"有限公司", "股份有限公司", "集团有限公司", "科技有限公司"};
  private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"};
  private static final String[] ROLES = {"采购经理", "质量经理", "总经理", "工程师", "仓库主管"};

  record Step(String name, double seconds, int rows, JsonNode summary) {}

  record Result(
      int customers,
      int contacts,
      int revenueFigures,
      int customerFileBytes,
      int revenueFileBytes,
      List<Step> steps,
      List<String> checks,
      Map<String, Latencies.Stats> search,
      double reimportDryRunSeconds) {}

  private CustomerArchiveLoad() {}

  static Result run(String jdbcUrl) throws Exception {
    Random random = new Random(15);
    int latestYear = Year.now(ZoneId.of("Asia/Shanghai")).getValue() - 1;
    StringBuilder customers =
        new StringBuilder(
            "客户代码,客户名称,地址,电话,启用,联系人1姓名,联系人1职务,联系人1电话,联系人1邮箱,"
                + "联系人2姓名,联系人2职务,联系人2电话,联系人2邮箱,联系人3姓名,联系人3职务,联系人3电话,联系人3邮箱\r\n");
    StringBuilder revenue = new StringBuilder("客户代码,客户名称,年度,营业额（元）\r\n");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < CUSTOMERS; i++) {
      String code = String.format(Locale.ROOT, "C%06d", 100_000 + i);
      String city = CITIES[random.nextInt(CITIES.length)];
      String name =
          city
              + WORDS[random.nextInt(WORDS.length)]
              + WORDS[random.nextInt(WORDS.length)]
              + FORMS[random.nextInt(FORMS.length)]
              + " "
              + i;
      names.add(name);
      customers
          .append(code)
          .append(',')
          .append(name)
          .append(',')
          .append(city)
          .append("市工业园区")
          .append(random.nextInt(500) + 1)
          .append("号,0512-")
          .append(60_000_000 + random.nextInt(9_000_000))
          .append(",是");
      for (int c = 0; c < 3; c++) {
        String person = SURNAMES[random.nextInt(SURNAMES.length)] + "经理" + c;
        customers
            .append(',')
            .append(person)
            .append(',')
            .append(ROLES[random.nextInt(ROLES.length)])
            .append(",138")
            .append(10_000_000 + random.nextInt(89_999_999))
            .append(",c")
            .append(i)
            .append('.')
            .append(c)
            .append("@example.cn");
      }
      customers.append("\r\n");
      for (int y = latestYear - 2; y <= latestYear; y++) {
        revenue
            .append(code)
            .append(',')
            .append(name)
            .append(',')
            .append(y)
            .append(',')
            .append(random.nextInt(50_000_000))
            .append('.')
            .append(String.format(Locale.ROOT, "%02d", random.nextInt(100)))
            .append("\r\n");
      }
    }
    byte[] customerFile = customers.toString().getBytes(StandardCharsets.UTF_8);
    byte[] revenueFile = revenue.toString().getBytes(StandardCharsets.UTF_8);
    System.out.printf(
        Locale.ROOT,
        "customers: files of %d customers (%d KB) and %d revenue figures (%d KB)%n",
        CUSTOMERS,
        customerFile.length / 1024,
        CUSTOMERS * 3,
        revenueFile.length / 1024);

    List<Step> steps = new ArrayList<>();
    List<String> checks = new ArrayList<>();
    Latencies latencies = new Latencies();
    double reimport;
    try (AppProcess app = AppProcess.start("customers", jdbcUrl, Map.of())) {
      Http http = new Http(app.baseUrl());
      // unmeasured warm-up on the cold JVM (as the lifecycle's warm-up complaints): a dry run of
      // the first 500 customers, which writes nothing
      int warmUpEnd = customers.indexOf("\r\n", 0);
      for (int i = 0; i <= 500; i++) {
        warmUpEnd = customers.indexOf("\r\n", warmUpEnd + 2);
      }
      Step warmUp =
          http.upload(
              "warm-up dry run (500)",
              "/api/customer-import/customers/dry-run",
              customers.substring(0, warmUpEnd + 2).getBytes(StandardCharsets.UTF_8),
              "warm-up.csv");
      System.out.printf(
          Locale.ROOT,
          "customers: warm-up dry run of 500 customers %.2f s (cold JVM)%n",
          warmUp.seconds());
      steps.add(
          http.upload(
              "customers dry run",
              "/api/customer-import/customers/dry-run",
              customerFile,
              "customers.csv"));
      steps.add(
          http.upload(
              "customers commit", "/api/customer-import/customers", customerFile, "customers.csv"));
      steps.add(
          http.upload(
              "revenue dry run",
              "/api/customer-import/revenue/dry-run",
              revenueFile,
              "revenue.csv"));
      steps.add(
          http.upload(
              "revenue commit", "/api/customer-import/revenue", revenueFile, "revenue.csv"));
      for (Step step : steps) {
        System.out.printf(
            Locale.ROOT,
            "customers: %-18s %6.2f s  %s%n",
            step.name(),
            step.seconds(),
            step.summary());
        if (step.summary().path("errorCount").asInt() != 0) {
          throw new IllegalStateException(step.name() + " found errors: " + step.summary());
        }
      }
      Step again =
          http.upload(
              "customers re-import dry run",
              "/api/customer-import/customers/dry-run",
              customerFile,
              "customers.csv");
      reimport = again.seconds();
      check(
          checks,
          "a second dry run of the customer file finds nothing to change",
          again.summary().path("created").asInt() == 0
              && again.summary().path("changed").asInt() == 0
              && again.summary().path("unchanged").asInt() == CUSTOMERS);
      try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "postgres")) {
        check(
            checks,
            "every imported customer is in the archive",
            count(db, "select count(*) from customer where code like 'C1%' and length(code) = 7")
                == CUSTOMERS);
        check(
            checks,
            "3 contacts each",
            count(db, "select count(*) from customer_contact where customer_code like 'C1_____'")
                == 3L * CUSTOMERS);
        check(
            checks,
            "3 revenue figures each",
            count(db, "select count(*) from customer_revenue where customer_code like 'C1_____'")
                == 3L * CUSTOMERS);
        check(
            checks,
            "8 customers of tier A after the revenue import",
            count(db, "select count(*) from customer where tier = 'A'") == 8);
        check(
            checks,
            "every change recorded",
            count(db, "select count(*) from master_data_change") >= 7L * CUSTOMERS);
      }

      // search, one request at a time
      Map<String, List<String>> queries = new LinkedHashMap<>();
      List<String> byCode = new ArrayList<>();
      List<String> byName = new ArrayList<>();
      List<String> typeAhead = new ArrayList<>();
      List<String> tier = new ArrayList<>();
      for (int i = 0; i < SAMPLES + WARM_UP; i++) {
        byCode.add(
            "/api/customers?q=" + enc(String.format(Locale.ROOT, "C10%03d", random.nextInt(1000))));
        String name = names.get(random.nextInt(names.size()));
        byName.add("/api/customers?q=" + enc(name.substring(2, 6)));
        typeAhead.add(
            "/api/customers?active=true&size=10&q="
                + enc(name.substring(0, 2 + random.nextInt(3))));
        tier.add(
            "/api/customers?tier=" + "ABC".charAt(i % 3) + "&sort=rank&size=20&page=" + (i % 5));
      }
      queries.put("search by part of code", byCode);
      queries.put("search by part of Chinese name", byName);
      queries.put("type-ahead, active, size 10", typeAhead);
      queries.put("tier filter sorted by rank", tier);
      for (var kind : queries.entrySet()) {
        List<String> paths = kind.getValue();
        for (int i = 0; i < paths.size(); i++) {
          long t0 = System.nanoTime();
          JsonNode page = http.get(paths.get(i));
          long elapsed = System.nanoTime() - t0;
          if (!page.has("total")) {
            throw new IllegalStateException(paths.get(i) + ": " + page);
          }
          if (i >= WARM_UP) {
            latencies.record(kind.getKey(), elapsed);
          }
        }
      }
    }
    return new Result(
        CUSTOMERS,
        3 * CUSTOMERS,
        3 * CUSTOMERS,
        customerFile.length,
        revenueFile.length,
        steps,
        checks,
        latencies.stats(),
        reimport);
  }

  private static void check(List<String> checks, String what, boolean ok) {
    if (!ok) {
      throw new IllegalStateException("check failed: " + what);
    }
    checks.add(what);
  }

  private static long count(Connection c, String sql) throws Exception {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  private static String enc(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  static String table(Result r) {
    StringBuilder t = new StringBuilder();
    t.append(
        String.format(
            Locale.ROOT,
            "%nCustomer archive: %d customers, %d contacts, %d revenue figures (files %d KB and %d"
                + " KB, CSV UTF-8)%n",
            r.customers(),
            r.contacts(),
            r.revenueFigures(),
            r.customerFileBytes() / 1024,
            r.revenueFileBytes() / 1024));
    String row = "| %-36s | %10s | %10s |%n";
    t.append(String.format(Locale.ROOT, row, "import step", "seconds", "target"));
    t.append(String.format(Locale.ROOT, row, "-".repeat(36), "-".repeat(10), "-".repeat(10)));
    for (Step s : r.steps()) {
      t.append(
          String.format(
              Locale.ROOT, row, s.name(), String.format(Locale.ROOT, "%.2f", s.seconds()), "< 20"));
    }
    t.append(
        String.format(
            Locale.ROOT,
            row,
            "customers re-import dry run",
            String.format(Locale.ROOT, "%.2f", r.reimportDryRunSeconds()),
            "< 20"));
    String search = "| %-36s | %8s | %8s | %8s | %8s | %7s |%n";
    t.append(
        String.format(
            Locale.ROOT,
            search,
            "GET /api/customers",
            "p50 ms",
            "p95 ms",
            "p99 ms",
            "max ms",
            "n"));
    t.append(
        String.format(
            Locale.ROOT,
            search,
            "-".repeat(36),
            "-".repeat(8),
            "-".repeat(8),
            "-".repeat(8),
            "-".repeat(8),
            "-".repeat(7)));
    r.search()
        .forEach(
            (kind, s) ->
                t.append(
                    String.format(
                        Locale.ROOT,
                        search,
                        kind,
                        String.format(Locale.ROOT, "%.1f", s.p50Ms()),
                        String.format(Locale.ROOT, "%.1f", s.p95Ms()),
                        String.format(Locale.ROOT, "%.1f", s.p99Ms()),
                        String.format(Locale.ROOT, "%.1f", s.maxMs()),
                        s.count())));
    t.append("checks: ").append(String.join("; ", r.checks())).append('\n');
    return t.toString();
  }

  /** Requests as salesmanager (imports both files) with HTTP Basic; any status but 200 fails. */
  private static final class Http {
    private final HttpClient client =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    Http(String base) {
      this.base = base;
    }

    JsonNode get(String path) throws Exception {
      return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    Step upload(String name, String path, byte[] file, String fileName) throws Exception {
      String boundary = "----bench" + UUID.randomUUID();
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      body.write(
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                  + fileName
                  + "\"\r\nContent-Type: text/csv\r\n\r\n")
              .getBytes(StandardCharsets.UTF_8));
      body.write(file);
      body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
      long t0 = System.nanoTime();
      JsonNode answer =
          send(
              HttpRequest.newBuilder(URI.create(base + path))
                  .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
      double seconds = (System.nanoTime() - t0) / 1e9;
      Map<String, Object> summary = new LinkedHashMap<>();
      for (String field :
          List.of("rows", "created", "changed", "unchanged", "errorCount", "committed")) {
        summary.put(field, answer.path(field));
      }
      summary.put("tierChanges", answer.path("tierChanges").size());
      return new Step(name, seconds, answer.path("rows").asInt(), JSON.valueToTree(summary));
    }

    private JsonNode send(HttpRequest.Builder request) throws Exception {
      HttpResponse<byte[]> response =
          client.send(
              request
                  .header("Accept", "application/json")
                  .header("Authorization", AppProcess.basic("salesmanager", "salesmanager"))
                  .timeout(Duration.ofMinutes(5))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        String text = new String(response.body(), StandardCharsets.UTF_8);
        throw new IllegalStateException(
            request.build().uri()
                + " answered "
                + response.statusCode()
                + ": "
                + text.substring(0, Math.min(2000, text.length())));
      }
      return JSON.readTree(response.body());
    }
  }
}
