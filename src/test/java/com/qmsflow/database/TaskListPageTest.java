package com.qmsflow.database;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The text a page of a task list gets (TaskListPage): the page chosen on the id, the revision and
 * the order's columns, the task's columns read for its rows; any other text stays as the engine
 * wrote it. The rows and their order are compared with the engine's on PostgreSQL in
 * TaskListGrantsOnPostgresIT.
 */
class TaskListPageTest {

  static final String COLUMNS =
      "RES.REV_, RES.ID_, RES.NAME_, RES.PRIORITY_, RES.CREATE_TIME_, RES.DUE_DATE_";

  /** The joins and conditions of "My group's tasks" as the engine 7.24 sends them (one line). */
  static final String BODY =
      "left join ACT_RU_IDENTITYLINK I on I.TASK_ID_ = RES.ID_ left join ACT_RE_PROCDEF D on"
          + " RES.PROC_DEF_ID_ = D.ID_ left join ( SELECT A.* FROM ACT_RU_AUTHORIZATION A WHERE"
          + " A.TYPE_ < 2 AND ( A.USER_ID_ in ( ?, '*') OR A.GROUP_ID_ IN ( ? ) ) AND ( ("
          + " A.RESOURCE_TYPE_ = ? AND A.PERMS_ & ? = ? OR A.RESOURCE_TYPE_ = ? AND A.PERMS_ & ? ="
          + " ? ) ) ) AUTH ON (AUTH.RESOURCE_ID_ IN ( RES.ID_ , D.KEY_ , '*' )) WHERE ( 1 = 1 and ("
          + " I.TYPE_ = 'candidate' and ( I.GROUP_ID_ IN ( ? ) ) ) and RES.SUSPENSION_STATE_ = 1 )"
          + " and ( (RES.CASE_EXECUTION_ID_ IS NOT NULL) OR (AUTH.RESOURCE_ID_ IS NOT NULL) ) and"
          + " (RES.TENANT_ID_ is null )";

  static final String ORDER =
      "order by RES.PRIORITY_ desc, RES.DUE_DATE_ asc, RES.CREATE_TIME_ desc";

  static final String LIST =
      "select distinct "
          + COLUMNS
          + " from ACT_RU_TASK RES "
          + BODY
          + " "
          + ORDER
          + " LIMIT ? OFFSET ?";

  @Test
  void thePageIsChosenOnNarrowRowsInTheEnginesOrderAndItsTasksReadAfterwards() {
    assertThat(TaskListPage.rewritten(LIST))
        .isEqualTo(
            "select "
                + COLUMNS
                + " from ACT_RU_TASK RES join (select distinct RES.REV_, RES.ID_, RES.PRIORITY_,"
                + " RES.DUE_DATE_, RES.CREATE_TIME_ from ACT_RU_TASK RES "
                + BODY
                + " "
                + ORDER
                + " LIMIT ? OFFSET ?) PAGE on PAGE.ID_ = RES.ID_ "
                + ORDER
                + ", RES.REV_ asc, RES.ID_ asc");
  }

  @Test
  void theEnginesLineBreaksAPrefixedSchemaAndAnOrderByIdAreKept() {
    String list =
        "\n    \n    select distinct\n     \n    "
            + COLUMNS.replace(", RES.NAME_", ",\n    RES.NAME_")
            + "\n    \n    from qms.ACT_RU_TASK RES\n      "
            + BODY.replace(" WHERE", "\n    WHERE")
            + "\n    \n    order by RES.ID_ asc\n    LIMIT ? OFFSET ?\n    \n  ";
    String rewritten = TaskListPage.rewritten(list);

    assertThat(rewritten)
        .startsWith("select RES.REV_, RES.ID_,\n    RES.NAME_")
        .contains(
            " from qms.ACT_RU_TASK RES join (select distinct RES.REV_, RES.ID_ from"
                + " qms.ACT_RU_TASK RES ")
        .endsWith(
            "order by RES.ID_ asc LIMIT ? OFFSET ?) PAGE on PAGE.ID_ = RES.ID_ order by RES.ID_"
                + " asc, RES.REV_ asc, RES.ID_ asc");
    assertThat(rewritten.chars().filter(c -> c == '?').count())
        .isEqualTo(list.chars().filter(c -> c == '?').count());
  }

  @Test
  void anyOtherTextRunsAsTheEngineWroteIt() {
    assertThat(TaskListPage.rewritten(LIST)).isNotNull();
    // no page: every row is read anyway
    assertThat(TaskListPage.rewritten(LIST.replace(" LIMIT ? OFFSET ?", ""))).isNull();
    // an order by a variable or an expression
    assertThat(
            TaskListPage.rewritten(
                LIST.replace("order by RES.PRIORITY_ desc", "order by VAR0.TEXT_ desc")))
        .isNull();
    assertThat(
            TaskListPage.rewritten(
                LIST.replace("order by RES.PRIORITY_ desc", "order by LOWER(RES.NAME_) desc")))
        .isNull();
    // rows not made distinct, or columns of another table
    assertThat(TaskListPage.rewritten(LIST.replace("select distinct", "select"))).isNull();
    assertThat(TaskListPage.rewritten(LIST.replace(COLUMNS, "RES.*"))).isNull();
    assertThat(TaskListPage.rewritten(LIST.replace("RES.NAME_", "I.GROUP_ID_"))).isNull();
    // a second order or page inside the conditions
    assertThat(
            TaskListPage.rewritten(
                LIST.replace(
                    "(RES.TENANT_ID_ is null )",
                    "RES.ID_ in (select ID_ from ACT_RU_TASK order by ID_ LIMIT 5)")))
        .isNull();
    // another statement
    assertThat(TaskListPage.rewritten("select distinct RES.* from ACT_RU_EXECUTION RES")).isNull();
  }
}
