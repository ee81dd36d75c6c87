package com.qmsflow.complaint;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The defect-code catalog QA maintains (code, description, category). */
@Repository
public class DefectCatalog {

  public record DefectCode(String code, String description, String category, boolean active) {}

  private final JdbcClient jdbc;

  public DefectCatalog(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public List<DefectCode> findAll() {
    return jdbc.sql("select code, description, category, active from defect_code order by code")
        .query(DefectCode.class)
        .list();
  }

  public Optional<DefectCode> find(String code) {
    return jdbc.sql("select code, description, category, active from defect_code where code = ?")
        .param(code)
        .query(DefectCode.class)
        .optional();
  }

  public Optional<DefectCode> findActive(String code) {
    return find(code).filter(DefectCode::active);
  }

  public void save(DefectCode defect) {
    int updated =
        jdbc.sql("update defect_code set description = ?, category = ?, active = ? where code = ?")
            .params(defect.description(), defect.category(), defect.active(), defect.code())
            .update();
    if (updated == 0) {
      jdbc.sql("insert into defect_code (code, description, category, active) values (?, ?, ?, ?)")
          .params(defect.code(), defect.description(), defect.category(), defect.active())
          .update();
    }
  }
}
