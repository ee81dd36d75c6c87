package com.qmsflow.complaint;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class SatisfactionSurveyRepository {

  private final JdbcClient jdbc;

  public SatisfactionSurveyRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** One score per complaint and aspect; recording the same survey again keeps the first answer. */
  public void recordOnce(
      String complaintNumber,
      String customerCode,
      String tier,
      String aspect,
      int score,
      Instant at) {
    jdbc.sql(
            """
            insert into satisfaction_survey (complaint_number, customer_code, tier, aspect, score, surveyed_at)
            select ?, ?, ?, ?, ?, ? where not exists
              (select 1 from satisfaction_survey where complaint_number = ? and aspect = ?)\
            """)
        .params(
            complaintNumber,
            customerCode,
            tier,
            aspect,
            score,
            Timestamp.from(at),
            complaintNumber,
            aspect)
        .update();
  }

  public int count(String complaintNumber) {
    return jdbc.sql("select count(*) from satisfaction_survey where complaint_number = ?")
        .param(complaintNumber)
        .query(Integer.class)
        .single();
  }
}
