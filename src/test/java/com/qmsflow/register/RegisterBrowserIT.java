package com.qmsflow.register;

import static org.assertj.core.api.Assertions.assertThat;

import com.qmsflow.browser.BrowserScript;
import com.qmsflow.complaint.ComplaintScenario;
import com.qmsflow.complaint.ComplaintVariables;
import java.io.FileInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The complaint register in a real browser (the system Chromium driven by {@code
 * src/test/browser/register-search.mjs}, see {@link BrowserScript}): the QA engineer {@code
 * quality} signs in, opens the register from Tasklist's header, searches by batch and finds the
 * closed complaint, downloads the list as Excel and keeps the search as a saved view, follows the
 * row's link to the record page and downloads the complaint's PDF (its text holds the complaint
 * number); a manager finds the registers in Cockpit's header. Screenshots of the three registers
 * and the record page in English and Chinese go to {@code target/browser/}. Skipped (with the
 * reason) when Chromium or Node.js is missing.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:register-browser-it;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false"
    })
@ActiveProfiles("demo")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RegisterBrowserIT {

  static final List<String> MINOR_PATH =
      List.of(
          "userTaskConfirmWithCustomer",
          "userTaskInvestigateOnSite",
          "userTaskAnalyseValidityAndCause",
          "userTaskReviewMinorSeverity",
          "userTaskCommitImprovementDate",
          "userTaskContainSuspectStock",
          "userTaskCorrectNonconformity",
          "userTaskCollectImprovementEvidence",
          "userTaskVerifyEffectiveness",
          "userTaskReplyInWriting",
          "userTaskRecordCustomerDecision",
          "userTaskFollowUpAfterDelivery",
          "userTaskAssessProcessStability",
          "userTaskStandardiseImprovement");

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired JdbcClient jdbc;

  @Test
  void aQaEngineerFindsAClosedComplaintByItsBatch() throws Exception {
    BrowserScript.requireChromiumAndNode("RegisterBrowserIT");
    new RegisterTestData(jdbc).insert();
    // the scenario's dates (ComplaintScenario.TODAY) meet the deadlines on that Monday
    ClockUtil.setCurrentTime(
        Date.from(
            ZonedDateTime.of(2026, 3, 2, 9, 0, 0, 0, ZoneId.of("Asia/Shanghai")).toInstant()));
    ComplaintScenario closed =
        ComplaintScenario.start(engine, ComplaintScenario.intake("C011", "B-REG-7781", "LABEL"));
    String number = (String) closed.variable(ComplaintVariables.COMPLAINT_NUMBER_VAR);
    MINOR_PATH.forEach(closed::complete);
    closed.runJobs().complete("userTaskArchiveComplaintRecords").runJobs();
    assertThat(
            jdbc.sql("select status from complaint where complaint_number = ?")
                .param(number)
                .query(String.class)
                .single())
        .isEqualTo("CLOSED");
    ComplaintScenario open =
        ComplaintScenario.start(engine, ComplaintScenario.intake("C012", "B-REG-7782", "LABEL"));
    String other = (String) open.variable(ComplaintVariables.COMPLAINT_NUMBER_VAR);
    ClockUtil.reset();

    BrowserScript.Result browser =
        BrowserScript.runScript(
            "register-search.mjs",
            Map.of(
                "BASE_URL",
                "http://localhost:" + port,
                "USER",
                "quality",
                "PASSWORD",
                "quality",
                "BATCH",
                "B-REG-7781",
                "COMPLAINT_NUMBER",
                number,
                "OTHER_NUMBER",
                other,
                "COCKPIT_USER",
                "qualitymanager",
                "COCKPIT_PASSWORD",
                "qualitymanager"),
            4);
    assertThat(browser.exitCode()).as("browser script:\n%s", browser.output()).isZero();

    Path out = BrowserScript.outputDir();
    try (XSSFWorkbook book =
        new XSSFWorkbook(new FileInputStream(out.resolve("register-search.xlsx").toFile()))) {
      assertThat(book.getSheetAt(0).getLastRowNum())
          .as("the filtered list: one complaint")
          .isEqualTo(1);
      assertThat(book.getSheetAt(0).getRow(1).getCell(0).getStringCellValue()).isEqualTo(number);
      assertThat(book.getSheetAt(0).getRow(1).getCell(7).getStringCellValue())
          .isEqualTo("B-REG-7781");
    }
    assertThat(
            jdbc.sql("select count(*) from register_view where owner_id = 'quality' and name = ?")
                .param("Batch search")
                .query(Long.class)
                .single())
        .isEqualTo(1);
    byte[] pdf = Files.readAllBytes(out.resolve("register-record.pdf"));
    assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    try (PDDocument document = Loader.loadPDF(pdf)) {
      assertThat(new PDFTextStripper().getText(document))
          .as("the downloaded record")
          .contains(number, "B-REG-7781");
    }
    assertThat(out.resolve("register-3-record-en.png")).exists();
    assertThat(out.resolve("register-3-record-zh.png")).exists();
    assertThat(out.resolve("register-4-cockpit-links-zh.png")).exists();
    for (String register : List.of("complaints", "corrective-actions", "changes")) {
      assertThat(out.resolve("register-" + register + "-en.png")).exists();
      assertThat(out.resolve("register-" + register + "-zh.png")).exists();
    }
  }
}
