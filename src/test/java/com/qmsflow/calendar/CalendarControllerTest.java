package com.qmsflow.calendar;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.qmsflow.masterdata.MasterDataChangeLog;
import com.qmsflow.web.WebLocale;
import com.qmsflow.web.WebTestSupport;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** The REST API on a standalone MockMvc (no application context) over the migrated H2 database. */
class CalendarControllerTest {

  private CalendarTestDatabase db;
  private BusinessCalendar calendar;
  private MockMvc mvc;

  @BeforeEach
  void setUp() {
    db = CalendarTestDatabase.migrated();
    calendar = db.calendar();
    MasterDataChangeLog changes =
        new MasterDataChangeLog(
            db.jdbc,
            new org.springframework.jdbc.core.JdbcTemplate(db.dataSource),
            new ObjectMapper().findAndRegisterModules(),
            Clock.systemUTC());
    mvc =
        MockMvcBuilders.standaloneSetup(
                new CalendarController(
                    calendar,
                    db.repository(),
                    changes,
                    new DataSourceTransactionManager(db.dataSource)))
            .setControllerAdvice(WebTestSupport.exceptionHandler())
            .setLocaleResolver(new WebLocale().localeResolver())
            // an administrator: security/WriteOwnershipTest proves that nobody else reaches the
            // controller
            .defaultRequest(
                get("/")
                    .with(
                        request -> {
                          request.setRemoteUser("admin");
                          return request;
                        }))
            .build();
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder putDay(
      String date, String json) {
    return put("/api/calendar/days/" + date).contentType(MediaType.APPLICATION_JSON).content(json);
  }

  @Test
  void listsTheRowsOfAYear() throws Exception {
    mvc.perform(get("/api/calendar/2026"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$", hasSize(39)))
        .andExpect(jsonPath("$[0].day").value("2026-01-01"))
        .andExpect(jsonPath("$[0].kind").value("HOLIDAY"))
        .andExpect(jsonPath("$[0].provisional").value(false))
        .andExpect(jsonPath("$[3].day").value("2026-01-04"))
        .andExpect(jsonPath("$[3].kind").value("WORKDAY"));
    mvc.perform(get("/api/calendar/2040"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$", hasSize(0)));
  }

  @Test
  void putUpsertsAndChangesTheCalendar() throws Exception {
    mvc.perform(putDay("2025-03-11", "{\"kind\":\"HOLIDAY\",\"name\":\"Plant shutdown\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.day").value("2025-03-11"))
        .andExpect(jsonPath("$.kind").value("HOLIDAY"))
        .andExpect(jsonPath("$.name").value("Plant shutdown"))
        .andExpect(jsonPath("$.provisional").value(false));
    Assertions.assertThat(calendar.isWorkingDay(LocalDate.of(2025, 3, 11))).isFalse();

    mvc.perform(putDay("2025-03-11", "{\"kind\":\"WORKDAY\",\"name\":\"Reopened\"}"))
        .andExpect(status().isOk());
    Assertions.assertThat(calendar.isWorkingDay(LocalDate.of(2025, 3, 11))).isTrue();
  }

  @Test
  void badKindIsA400WithAFieldMessage() throws Exception {
    mvc.perform(putDay("2025-03-11", "{\"kind\":\"FREE\",\"name\":\"x\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.type").value("/problems/validation"))
        .andExpect(
            jsonPath("$.errors[?(@.field == 'kind')].message")
                .value("kind must be HOLIDAY or WORKDAY"));
    mvc.perform(putDay("2025-03-11", "{\"name\":\"x\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(
            jsonPath("$.errors[?(@.field == 'kind')].message")
                .value(hasItem(containsString("HOLIDAY or WORKDAY"))));
    Assertions.assertThat(db.repository().find(LocalDate.of(2025, 3, 11))).isEmpty();
  }

  @Test
  void blankNameIsA400WithAFieldMessage() throws Exception {
    mvc.perform(putDay("2025-03-11", "{\"kind\":\"HOLIDAY\",\"name\":\"  \"}"))
        .andExpect(status().isBadRequest())
        .andExpect(
            jsonPath("$.errors[?(@.field == 'name')].message").value("name must not be blank"));
    mvc.perform(putDay("2025-03-11", "{\"kind\":\"HOLIDAY\",\"name\":\"" + "x".repeat(101) + "\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(
            jsonPath("$.errors[?(@.field == 'name')].message")
                .value(hasItem(containsString("100"))));
  }

  @Test
  void badDateIsA400() throws Exception {
    mvc.perform(putDay("2025-13-40", "{\"kind\":\"HOLIDAY\",\"name\":\"x\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value(containsString("2025-13-40")));
  }

  @Test
  void deleteRemovesTheRow() throws Exception {
    mvc.perform(delete("/api/calendar/days/2025-10-08")).andExpect(status().isNoContent());
    Assertions.assertThat(calendar.isWorkingDay(LocalDate.of(2025, 10, 8))).isTrue();
    mvc.perform(delete("/api/calendar/days/2025-10-08"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.type").value("/problems/not-found"))
        .andExpect(jsonPath("$.detail").value(containsString("2025-10-08")));
  }

  @Test
  void everyChangeIsRecordedWithWhoWhenOldAndNewRow() throws Exception {
    mvc.perform(putDay("2025-03-11", "{\"kind\":\"HOLIDAY\",\"name\":\"Plant shutdown\"}"))
        .andExpect(status().isOk());
    mvc.perform(delete("/api/calendar/days/2025-10-08")).andExpect(status().isNoContent());
    mvc.perform(delete("/api/calendar/days/2025-10-08")).andExpect(status().isNotFound());
    var rows =
        db.jdbc
            .sql(
                "select data_key, action, changed_by, changed_at, old_value, new_value from"
                    + " master_data_change where data_type = 'calendar-day' order by id")
            .query()
            .listOfRows();
    Assertions.assertThat(rows).hasSize(2);
    Assertions.assertThat(
            List.of(
                rows.get(0).get("data_key"),
                rows.get(0).get("action"),
                rows.get(0).get("changed_by")))
        .containsExactly("2025-03-11", "CREATE", "admin");
    Assertions.assertThat(rows.get(0).get("old_value")).isNull();
    Assertions.assertThat((String) rows.get(0).get("new_value"))
        .contains("Plant shutdown", "HOLIDAY");
    Assertions.assertThat(rows.get(0).get("changed_at")).isNotNull();
    Assertions.assertThat(List.of(rows.get(1).get("data_key"), rows.get(1).get("action")))
        .containsExactly("2025-10-08", "DELETE");
    Assertions.assertThat(rows.get(1).get("new_value")).isNull();
    Assertions.assertThat((String) rows.get(1).get("old_value")).contains("2025-10-08");
  }
}
