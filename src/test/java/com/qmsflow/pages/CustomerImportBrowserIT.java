package com.qmsflow.pages;

import static org.assertj.core.api.Assertions.assertThat;

import com.qmsflow.browser.BrowserScript;
import com.qmsflow.evidence.TestEvidence;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Year;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A real browser (the system Chromium, driven by {@code src/test/browser/customer-import.mjs})
 * imports a revenue file on the customer list as a sales manager: the check lists the changes, the
 * import moves a customer of tier C to A and one of A to B, and the list and the customer page show
 * the new tiers; in Chinese, a file with bad rows lists its errors with row and column and a PNG
 * named {@code .csv} is refused at the file field, and an import whose check no longer matches the
 * archive (revenue changed meanwhile) is refused and writes nothing. Screenshots go to {@code
 * target/browser/}. Skipped (with the reason) when Chromium or Node.js is missing.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:customer-import-browser-it;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false"
    })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class CustomerImportBrowserIT {

  /**
   * Rank 15 of the latest full year in the demo archive (tier C); the file makes it the largest.
   */
  private static final String RISING = "C015";

  /** Rank 8 (the last of tier A); pushed to rank 9, tier B. */
  private static final String FALLING = "C008";

  /** Checked with a file of 5,000,000, changed to 3,000,000 over the API before the import. */
  private static final String STALE = "C014";

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired Clock clock;

  @Test
  void aSalesManagerChecksAndImportsARevenueFileAndSeesTheTiersChange() throws Exception {
    BrowserScript.requireChromiumAndNode("CustomerImportBrowserIT");
    int latestFullYear = Year.now(clock).getValue() - 1;
    assertThat(tier(RISING)).isEqualTo("C");
    assertThat(tier(FALLING)).isEqualTo("A");

    Path dir = BrowserScript.outputDir();
    Path revenue = dir.resolve("revenue-" + latestFullYear + ".csv");
    // as the ERP writes it: English headers, thousands separators, the unread name column
    Files.writeString(
        revenue,
        "Customer code,Customer name,Year,Revenue (CNY)\r\n"
            + RISING
            + ",Demo,"
            + latestFullYear
            + ",\"20,000,000.00\"\r\n",
        StandardCharsets.UTF_8);
    Path bad = dir.resolve("revenue-bad.csv");
    Files.writeString(
        bad,
        "客户代码,年度,营业额（元）\r\n"
            + RISING
            + ","
            + latestFullYear
            + ",abc\r\nC99999,"
            + latestFullYear
            + ",1000\r\n",
        StandardCharsets.UTF_8);
    Path fake = dir.resolve("picture.csv");
    Files.write(fake, TestEvidence.PNG);
    Path stale = dir.resolve("revenue-stale.csv");
    Files.writeString(
        stale,
        "客户代码,年度,营业额（元）\r\n" + STALE + "," + latestFullYear + ",5000000\r\n",
        StandardCharsets.UTF_8);

    BrowserScript.Result browser =
        BrowserScript.runScript(
            "customer-import.mjs",
            Map.of(
                "BASE_URL",
                "http://localhost:" + port,
                "REVENUE_FILE",
                revenue.toString(),
                "BAD_FILE",
                bad.toString(),
                "FAKE_FILE",
                fake.toString(),
                "STALE_FILE",
                stale.toString(),
                "STALE_CUSTOMER",
                STALE,
                "YEAR",
                String.valueOf(latestFullYear),
                "RISING",
                RISING,
                "FALLING",
                FALLING),
            4);
    assertThat(browser.exitCode()).as("browser script:\n%s", browser.output()).isZero();

    assertThat(browser.output())
        .contains("LIST_TIER_BEFORE=C", "DRY_RUN_CHANGES=1", "LIST_TIER=A", "PAGE_TIER=A")
        .containsPattern("ZH_ERRORS=2 [^\\n]*; 3 [^\\n]*")
        .containsPattern("ZH_FILE_ERROR=\\S+")
        .containsPattern("ZH_STALE=\\S+");
    assertThat(tier(RISING)).isEqualTo("A");
    assertThat(tier(FALLING)).isEqualTo("B");
    assertThat(
            jdbc.sql(
                    "select revenue from customer_revenue where customer_code = ? and revenue_year"
                        + " = ?")
                .params(RISING, latestFullYear)
                .query(BigDecimal.class)
                .single())
        .isEqualByComparingTo("20000000");
    // the import checked before the revenue changed meanwhile wrote nothing
    assertThat(
            jdbc.sql(
                    "select revenue from customer_revenue where customer_code = ? and revenue_year"
                        + " = ?")
                .params(STALE, latestFullYear)
                .query(BigDecimal.class)
                .single())
        .isEqualByComparingTo("3000000");
    assertThat(dir.resolve("customer-import-2-committed-en.png")).exists();
    assertThat(dir.resolve("customer-import-6-page-zh.png")).exists();
  }

  private String tier(String code) {
    return jdbc.sql("select tier from customer where code = ?")
        .param(code)
        .query(String.class)
        .single();
  }
}
