package com.qmsflow.recordview;

import com.qmsflow.evidence.OwnerKind;
import com.qmsflow.recordview.PrintedRecords.Printed;
import java.time.Clock;
import org.springframework.stereotype.Service;

/**
 * The printed complaint records and 8D reports: a closed one is printed once and stored (its
 * SHA-256 recorded), and every download gives those bytes; an open one is printed as it stands.
 */
@Service
public class RecordPrints {

  private final RecordViews views;
  private final RecordPrinter printer;
  private final PrintedRecords printed;
  private final Clock clock;

  public RecordPrints(
      RecordViews views, RecordPrinter printer, PrintedRecords printed, Clock clock) {
    this.views = views;
    this.printer = printer;
    this.printed = printed;
    this.clock = clock;
  }

  /** The record as the system sees it (no reader: every step, no task buttons). */
  RecordView view(OwnerKind kind, String number) {
    return kind == OwnerKind.COMPLAINT
        ? views.complaint(number, null)
        : views.correctiveAction(number, null);
  }

  /**
   * Prints and stores the closed record unless it is stored; the stored print either way. Run by
   * the job queued at closure ({@link PrintAtClosurePlugin}); a record whose job has not run yet is
   * stored at its first download, the job then finds it stored.
   */
  public Printed storeClosed(OwnerKind kind, String number) {
    return printed
        .find(kind.value(), number)
        .orElseGet(() -> store(kind, number, view(kind, number)));
  }

  /**
   * Prints the closed record from its view, stores it unless stored meanwhile, the stored print.
   */
  private Printed store(OwnerKind kind, String number, RecordView record) {
    if (!record.closed()) {
      throw new IllegalStateException(kind.value() + " " + number + " is not closed");
    }
    printed.storeIfAbsent(
        kind.value(), number, fileName(kind, number), printer.pdf(record), clock.instant());
    return printed.find(kind.value(), number).orElseThrow();
  }

  /**
   * The PDF to download: the stored one of a closed record (also after the retention purge removed
   * its process record), else the record as it stands.
   */
  public Printed download(OwnerKind kind, String number) {
    var stored = printed.find(kind.value(), number);
    if (stored.isPresent()) {
      return stored.get();
    }
    RecordView record = view(kind, number);
    if (record.closed()) {
      return store(kind, number, record);
    }
    byte[] pdf = printer.pdf(record);
    return new Printed(
        kind.value(),
        number,
        clock.instant(),
        fileName(kind, number),
        pdf.length,
        PrintedRecords.sha256(pdf),
        pdf);
  }

  static String fileName(OwnerKind kind, String number) {
    return number + (kind == OwnerKind.COMPLAINT ? "-record.pdf" : "-8D-report.pdf");
  }
}
