package com.qmsflow.complaint;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Quality analysis meetings held for a batch and defect code that keeps being complained about. */
@Repository
public class RecurrenceRepository {

  public record Meeting(
      String batchNumber, String defectCode, String triggeredBy, String resolution) {}

  private final JdbcClient jdbc;

  public RecurrenceRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<Meeting> find(String batchNumber, String defectCode) {
    return jdbc.sql(
            "select batch_number, defect_code, triggered_by, resolution from recurrence_meeting"
                + " where batch_number = ? and defect_code = ?")
        .params(batchNumber, defectCode)
        .query(Meeting.class)
        .optional();
  }

  /** Claims the meeting for this complaint; false if another complaint already triggered it. */
  public boolean claim(String batchNumber, String defectCode, String complaintNumber, Instant now) {
    return jdbc.sql(
                """
                insert into recurrence_meeting (batch_number, defect_code, triggered_by, triggered_at)
                select ?, ?, ?, ? where not exists
                  (select 1 from recurrence_meeting where batch_number = ? and defect_code = ?)\
                """)
            .params(
                batchNumber,
                defectCode,
                complaintNumber,
                Timestamp.from(now),
                batchNumber,
                defectCode)
            .update()
        == 1;
  }

  public void resolve(
      String batchNumber,
      String defectCode,
      LocalDate meetingDate,
      String resolution,
      Instant now) {
    jdbc.sql(
            """
            update recurrence_meeting set meeting_date = ?, resolution = ?, resolved_at = ?
            where batch_number = ? and defect_code = ?\
            """)
        .params(meetingDate, resolution, Timestamp.from(now), batchNumber, defectCode)
        .update();
  }
}
