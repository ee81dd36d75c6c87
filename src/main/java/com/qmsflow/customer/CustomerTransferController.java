package com.qmsflow.customer;

import com.qmsflow.customer.ArchiveColumns.Kind;
import com.qmsflow.customer.ArchiveExport.Table;
import com.qmsflow.customer.CustomerImport.Result;
import com.qmsflow.web.ApiException;
import com.qmsflow.web.InvalidRequestException;
import com.qmsflow.web.WebLocale;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Import and export of the customer archive as files (issue 15 point 2; docs/customers.md "Import
 * and export"). The import is a dry run first ({@code …/dry-run}: what would change, every error
 * with row and column, nothing written) and then the commit of the same file (all or nothing); the
 * client sends the file again with the commit, with the dry run's {@code digest} so that it imports
 * exactly what was shown. Customer files for {@link CustomerAccess#EDITORS}, revenue files for
 * {@link CustomerAccess#REVENUE_EDITORS}; the export for readers, its revenue only for {@link
 * CustomerAccess#REVENUE_READERS}.
 */
@RestController
public class CustomerTransferController {

  private final CustomerImport imports;
  private final ArchiveExport export;
  private final Clock clock;

  public CustomerTransferController(CustomerImport imports, ArchiveExport export, Clock clock) {
    this.imports = imports;
    this.export = export;
    this.clock = clock;
  }

  // ---- import -----------------------------------------------------------------------------------

  @PostMapping(
      value = "/api/customer-import/customers/dry-run",
      consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public Result dryRunCustomers(
      @RequestParam(value = "file", required = false) MultipartFile file, HttpServletRequest http) {
    CustomerAccess.requireEditor(http);
    return imports.dryRun(Kind.CUSTOMERS, name(file), bytes(file), WebLocale.of(http));
  }

  @PostMapping(
      value = "/api/customer-import/customers",
      consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public Result importCustomers(
      @RequestParam(value = "file", required = false) MultipartFile file,
      @RequestParam(value = "digest", required = false) String digest,
      HttpServletRequest http) {
    CustomerAccess.requireEditor(http);
    return imports.commit(
        Kind.CUSTOMERS, name(file), bytes(file), digest, http.getRemoteUser(), WebLocale.of(http));
  }

  @PostMapping(
      value = "/api/customer-import/revenue/dry-run",
      consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public Result dryRunRevenue(
      @RequestParam(value = "file", required = false) MultipartFile file, HttpServletRequest http) {
    CustomerAccess.requireRevenueEditor(http);
    return imports.dryRun(Kind.REVENUE, name(file), bytes(file), WebLocale.of(http));
  }

  @PostMapping(
      value = "/api/customer-import/revenue",
      consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public Result importRevenue(
      @RequestParam(value = "file", required = false) MultipartFile file,
      @RequestParam(value = "digest", required = false) String digest,
      HttpServletRequest http) {
    CustomerAccess.requireRevenueEditor(http);
    return imports.commit(
        Kind.REVENUE, name(file), bytes(file), digest, http.getRemoteUser(), WebLocale.of(http));
  }

  private static String name(MultipartFile file) {
    return file == null ? null : file.getOriginalFilename();
  }

  /** The upload's bytes; a larger file than the import's limit is refused before reading it. */
  private static byte[] bytes(MultipartFile file) {
    if (file == null) {
      throw InvalidRequestException.of("file", "customerImport.file.missing");
    }
    if (file.getSize() > ImportFile.MAX_BYTES) {
      throw new ApiException(
          HttpStatus.PAYLOAD_TOO_LARGE,
          "customerImport.file.tooLarge",
          String.valueOf(file.getSize()),
          "10 MB");
    }
    try {
      return file.getBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- templates and export ---------------------------------------------------------------------

  @GetMapping("/api/customer-import/templates/customers")
  public ResponseEntity<byte[]> customersTemplate(
      @RequestParam(value = "format", defaultValue = "xlsx") String format,
      HttpServletRequest http) {
    CustomerAccess.requireEditor(http);
    return template(Kind.CUSTOMERS, format, http);
  }

  @GetMapping("/api/customer-import/templates/revenue")
  public ResponseEntity<byte[]> revenueTemplate(
      @RequestParam(value = "format", defaultValue = "xlsx") String format,
      HttpServletRequest http) {
    CustomerAccess.requireRevenueEditor(http);
    return template(Kind.REVENUE, format, http);
  }

  private ResponseEntity<byte[]> template(Kind kind, String format, HttpServletRequest http) {
    Locale locale = WebLocale.of(http);
    boolean xlsx = xlsx(format);
    String name = "customer-import-template-" + kind.id + "-" + locale.getLanguage();
    if (xlsx) {
      return file(
          ArchiveExport.xlsx(
              List.of(export.template(kind, locale), export.instructions(kind, locale))),
          name,
          true);
    }
    return file(ArchiveExport.csv(export.template(kind, locale)), name, false);
  }

  /**
   * The customers with their contacts; as .xlsx for who may see revenue a second sheet with the
   * revenue (the revenue import reads that sheet, the customer import the first).
   */
  @GetMapping("/api/customer-export/customers")
  public ResponseEntity<byte[]> exportCustomers(
      @RequestParam(value = "format", defaultValue = "xlsx") String format,
      HttpServletRequest http) {
    CustomerAccess.requireReader(http);
    Locale locale = WebLocale.of(http);
    boolean xlsx = xlsx(format);
    String name = "customers-" + LocalDate.now(clock);
    if (xlsx) {
      List<Table> tables = new ArrayList<>();
      tables.add(export.customers(locale));
      if (CustomerAccess.seesRevenue(http)) {
        tables.add(export.revenue(locale));
      }
      return file(ArchiveExport.xlsx(tables), name, true);
    }
    return file(ArchiveExport.csv(export.customers(locale)), name, false);
  }

  @GetMapping("/api/customer-export/revenue")
  public ResponseEntity<byte[]> exportRevenue(
      @RequestParam(value = "format", defaultValue = "xlsx") String format,
      HttpServletRequest http) {
    CustomerAccess.require(http, CustomerAccess.REVENUE_READERS, "customer.forbidden.seeRevenue");
    Locale locale = WebLocale.of(http);
    boolean xlsx = xlsx(format);
    String name = "customer-revenue-" + LocalDate.now(clock);
    Table table = export.revenue(locale);
    return xlsx
        ? file(ArchiveExport.xlsx(List.of(table)), name, true)
        : file(ArchiveExport.csv(table), name, false);
  }

  private static boolean xlsx(String format) {
    String f = format.trim().toLowerCase(Locale.ROOT);
    if (!f.equals("xlsx") && !f.equals("csv")) {
      throw InvalidRequestException.of("format", "customerImport.format", format);
    }
    return f.equals("xlsx");
  }

  private static ResponseEntity<byte[]> file(byte[] content, String name, boolean xlsx) {
    String fileName = name + (xlsx ? ".xlsx" : ".csv");
    return ResponseEntity.ok()
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename(fileName, StandardCharsets.UTF_8)
                .build()
                .toString())
        .contentType(MediaType.parseMediaType(xlsx ? ArchiveExport.XLSX : ArchiveExport.CSV))
        .body(content);
  }
}
