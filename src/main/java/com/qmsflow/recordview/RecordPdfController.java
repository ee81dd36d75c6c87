package com.qmsflow.recordview;

import com.qmsflow.evidence.OwnerKind;
import com.qmsflow.recordview.PrintedRecords.Printed;
import com.qmsflow.web.ForbiddenException;
import java.util.function.BiFunction;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The printed records as PDF, with the access of the record pages: {@code GET
 * /api/complaints/{number}/record.pdf} and {@code GET /api/corrective-actions/{number}/report.pdf}.
 * A closed record answers its stored print (the same bytes on every download, its SHA-256 as ETag
 * and in {@code X-Content-SHA256}); an open one its state now.
 */
@RestController
public class RecordPdfController {

  private final RecordViews views;
  private final RecordReaders readers;
  private final RecordPrints prints;

  public RecordPdfController(RecordViews views, RecordReaders readers, RecordPrints prints) {
    this.views = views;
    this.readers = readers;
    this.prints = prints;
  }

  @GetMapping(value = "/api/complaints/{number}/record.pdf")
  public ResponseEntity<byte[]> complaint(@PathVariable String number) {
    return pdf(OwnerKind.COMPLAINT, number, views::complaint);
  }

  @GetMapping(value = "/api/corrective-actions/{number}/report.pdf")
  public ResponseEntity<byte[]> correctiveAction(@PathVariable String number) {
    return pdf(OwnerKind.CORRECTIVE_ACTION, number, views::correctiveAction);
  }

  private ResponseEntity<byte[]> pdf(
      OwnerKind kind,
      String number,
      BiFunction<String, com.qmsflow.access.Reader, RecordView> check) {
    var reader = readers.ofApi().orElseThrow(() -> new ForbiddenException("auth.required"));
    check.apply(number, reader); // 404 or 403 before anything is printed
    Printed pdf = prints.download(kind, number);
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_PDF)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(pdf.fileName()).build().toString())
        .eTag("\"" + pdf.sha256() + "\"")
        .header("X-Content-SHA256", pdf.sha256())
        .body(pdf.content());
  }
}
