package com.qmsflow.database;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The text a page of a group's task list gets (TaskListPage): the engine's joins and conditions
 * become the {@code IN} of the task's id, the columns, the order, the page and the placeholders
 * stay where they were; any other text stays as the engine wrote it. The rows are compared on
 * PostgreSQL in TaskListGrantsOnPostgresIT, the plan in TasklistAtScaleOnPostgresIT.
 */
class TaskListPageTest {

  static final String COLUMNS =
      "RES.REV_, RES.ID_, RES.NAME_, RES.PARENT_TASK_ID_, RES.DESCRIPTION_, RES.PRIORITY_,"
          + " RES.CREATE_TIME_, RES.OWNER_, RES.ASSIGNEE_, RES.DELEGATION_, RES.EXECUTION_ID_,"
          + " RES.PROC_INST_ID_, RES.PROC_DEF_ID_, RES.CASE_EXECUTION_ID_, RES.CASE_INST_ID_,"
          + " RES.CASE_DEF_ID_, RES.TASK_DEF_KEY_, RES.DUE_DATE_, RES.FOLLOW_UP_DATE_,"
          + " RES.SUSPENSION_STATE_, RES.TENANT_ID_, RES.LAST_UPDATED_, RES.TASK_STATE_";

  /**
   * Joins and conditions of "My group's tasks" as the engine 7.24 sends them (logged, one line).
   */
  static final String GROUP_BODY =
      "left join ACT_RU_IDENTITYLINK I on I.TASK_ID_ = RES.ID_ left join ACT_RE_PROCDEF D on"
          + " RES.PROC_DEF_ID_ = D.ID_ left join ( SELECT A.* FROM ACT_RU_AUTHORIZATION A WHERE "
          + TaskListGrantsTest.GRANTS
          + " ) AUTH ON (AUTH.RESOURCE_ID_ IN ( RES.ID_ , D.KEY_ , '*' )) WHERE ( 1 = 1 and ("
          + " I.TYPE_ = 'candidate' and ( I.GROUP_ID_ IN ( ? ) ) ) and RES.SUSPENSION_STATE_ = 1 )"
          + " and ( (RES.CASE_EXECUTION_ID_ IS NOT NULL) OR (AUTH.RESOURCE_ID_ IS NOT NULL) ) and"
          + " (RES.TENANT_ID_ is null )";

  static final String ORDER =
      "order by RES.PRIORITY_ desc, RES.DUE_DATE_ asc, RES.CREATE_TIME_ desc LIMIT ? OFFSET ?";

  static final String GROUP_PAGE =
      "select distinct " + COLUMNS + " from ACT_RU_TASK RES " + GROUP_BODY + " " + ORDER;

  @Test
  void aGroupsPageAsksForItsTasksByInWithTheSameColumnsOrderPageAndPlaceholders() {
    String sql = TaskListPage.rewritten(GROUP_PAGE);

    assertThat(sql)
        .isEqualTo(
            "select "
                + COLUMNS
                + " from ACT_RU_TASK RES WHERE RES.ID_ IN (select RES.ID_ from ACT_RU_TASK RES "
                + GROUP_BODY
                + ") "
                + ORDER);
    assertThat(TaskListGrants.Rewritten.placeholders(sql, 0, sql.length()))
        .isEqualTo(TaskListGrants.Rewritten.placeholders(GROUP_PAGE, 0, GROUP_PAGE.length()));
    assertThat(sql).doesNotContainIgnoringCase("distinct");
  }

  @Test
  void theEnginesLineBreaksAndTablePrefixAreKept() {
    String page =
        "\n    \n    select distinct\n    "
            + COLUMNS.replace("RES.CREATE_TIME_,", "\n    RES.CREATE_TIME_,")
            + "\n    \n    \n    from qms.ACT_RU_TASK RES\n    \n      left join"
            + " qms.ACT_RU_IDENTITYLINK I on I.TASK_ID_ = RES.ID_\n    WHERE ( 1 = 1 and ("
            + " I.TYPE_ = 'candidate' and ( I.GROUP_ID_ IN ( ? ) ) ) )\n    \n    order by"
            + " RES.DUE_DATE_ asc, RES.PRIORITY_ desc\n    LIMIT ? OFFSET ?\n  ";

    String sql = TaskListPage.rewritten(page);

    assertThat(sql)
        .startsWith("select RES.REV_, RES.ID_,")
        .contains(
            " from qms.ACT_RU_TASK RES WHERE RES.ID_ IN (select RES.ID_ from qms.ACT_RU_TASK RES ",
            "left join qms.ACT_RU_IDENTITYLINK I on I.TASK_ID_ = RES.ID_")
        .endsWith("order by RES.DUE_DATE_ asc, RES.PRIORITY_ desc\n    LIMIT ? OFFSET ?");
    assertThat(sql.replaceAll("\\s+", " "))
        .contains("( I.GROUP_ID_ IN ( ? ) ) ) ) ) order by RES.DUE_DATE_ asc");
  }

  @Test
  void otherTextsRunAsTheEngineWroteThem() {
    // no candidate links joined (Assigned to me): a few rows, the engine's plan is fine
    assertThat(
            TaskListPage.rewritten(
                GROUP_PAGE.replace("left join ACT_RU_IDENTITYLINK I on I.TASK_ID_ = RES.ID_ ", "")))
        .isNull();
    // not paged: the whole list is read anyway
    assertThat(TaskListPage.rewritten(GROUP_PAGE.replace(" LIMIT ? OFFSET ?", ""))).isNull();
    // not distinct: the engine's rows may repeat a task, which IN would not
    assertThat(TaskListPage.rewritten(GROUP_PAGE.replace("select distinct", "select"))).isNull();
    // ordered by a variable (a join of its own, a column of its own)
    assertThat(
            TaskListPage.rewritten(
                GROUP_PAGE
                    .replace(
                        "RES.TASK_STATE_ from", "RES.TASK_STATE_ , VAR0_.TEXT_ as ORDER_0 from")
                    .replace("order by RES.PRIORITY_ desc", "order by ORDER_0 desc")))
        .isNull();
    assertThat(
            TaskListPage.rewritten(
                GROUP_PAGE.replace(
                    "order by RES.PRIORITY_ desc",
                    "order by VAR0_.TEXT_ desc, RES.PRIORITY_ desc")))
        .isNull();
    // case-insensitive name: a computed column
    assertThat(
            TaskListPage.rewritten(
                GROUP_PAGE.replace(
                    "RES.TASK_STATE_ from", "RES.TASK_STATE_ , lower(RES.NAME_) LOWER_NAME_ from")))
        .isNull();
    // another statement inside, e.g. a later engine's sub-select with its own order
    assertThat(
            TaskListPage.rewritten(
                GROUP_PAGE.replace(
                    "(RES.TENANT_ID_ is null )",
                    "RES.ID_ in (select T.ID_ from ACT_RU_TASK T order by T.ID_ LIMIT 5)")))
        .isNull();
    // all columns of another table
    assertThat(TaskListPage.rewritten(GROUP_PAGE.replace(COLUMNS, "RES.*"))).isNull();
  }
}
