package com.qmsflow.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.ibatis.mapping.ParameterMapping;
import org.apache.ibatis.session.Configuration;
import org.junit.jupiter.api.Test;

/**
 * The text the task query's statements get (TaskListGrants): the engine's grant join becomes three
 * {@code EXISTS} with the grant filter's parameters repeated in their places; any other text stays
 * as the engine wrote it. The rows are compared on PostgreSQL in TaskListGrantsOnPostgresIT.
 */
class TaskListGrantsTest {

  private static final Configuration MYBATIS = new Configuration();

  /** The grant filter as the engine writes it for a user in one group (6 parameters with it). */
  static final String GRANTS =
      "A.TYPE_ < 2 AND ( A.USER_ID_ in ( ?, '*') OR A.GROUP_ID_ IN ( ? ) ) AND ( ( A.RESOURCE_TYPE_"
          + " = ? AND A.PERMS_ & ? = ? OR A.RESOURCE_TYPE_ = ? AND A.PERMS_ & ? = ? ) )";

  /** The count of Tasklist's "My group's tasks" as the engine 7.24 sends it (logged, one line). */
  static final String COUNT =
      "SELECT COUNT(*) FROM (SELECT DISTINCT RES.ID_ from ACT_RU_TASK RES left join"
          + " ACT_RU_IDENTITYLINK I on I.TASK_ID_ = RES.ID_ left join ACT_RE_PROCDEF D on"
          + " RES.PROC_DEF_ID_ = D.ID_ left join ( SELECT A.* FROM ACT_RU_AUTHORIZATION A WHERE "
          + GRANTS
          + " ) AUTH ON (AUTH.RESOURCE_ID_ IN ( RES.ID_ , D.KEY_ , '*' )) WHERE ( 1 = 1 and ("
          + " I.TYPE_ = 'candidate' and ( I.GROUP_ID_ IN ( ? ) ) ) and RES.SUSPENSION_STATE_ = 1 )"
          + " and ( (RES.CASE_EXECUTION_ID_ IS NOT NULL) OR (AUTH.RESOURCE_ID_ IS NOT NULL) ) and"
          + " (RES.TENANT_ID_ is null ) ) countDistinct";

  /** The list, with the engine's line breaks and indentation around the join. */
  static final String LIST =
      "\n    \n    select distinct\n    RES.ID_, RES.NAME_\n    \n    from ACT_RU_TASK RES\n"
          + "      left join ACT_RE_PROCDEF D on RES.PROC_DEF_ID_ = D.ID_\n      left join\n"
          + "    (\n    SELECT A.*\n    FROM ACT_RU_AUTHORIZATION A\n    WHERE "
          + GRANTS.replace(" AND ( A.USER", "\n    AND ( A.USER")
          + "\n    )\n        AUTH ON (AUTH.RESOURCE_ID_ IN ( RES.ID_ , D.KEY_ , '*' ))\n"
          + "    WHERE ( 1 = 1 and RES.NAME_ like ? ESCAPE '\\\\' )\n      and (\n"
          + "            (RES.CASE_EXECUTION_ID_ IS NOT NULL)\n            OR\n"
          + "            (AUTH.RESOURCE_ID_ IS NOT NULL)\n          )\n"
          + "    order by RES.PRIORITY_ desc\n    LIMIT ? OFFSET ?";

  private static List<ParameterMapping> parameters(String... names) {
    List<ParameterMapping> mappings = new ArrayList<>();
    for (String name : names) {
      mappings.add(new ParameterMapping.Builder(MYBATIS, name, Object.class).build());
    }
    return mappings;
  }

  private static List<String> names(List<ParameterMapping> mappings) {
    return mappings.stream().map(ParameterMapping::getProperty).toList();
  }

  private static final String[] GRANT_PARAMETERS = {
    "user", "group", "t1", "p1", "p1", "t2", "p2", "p2"
  };

  private static String[] with(String[] before, String... after) {
    List<String> all = new ArrayList<>(List.of(GRANT_PARAMETERS));
    all.addAll(0, List.of(before));
    all.addAll(List.of(after));
    return all.toArray(String[]::new);
  }

  /** One split test: a resource type, the groups or the user, the resource. */
  private static String test(String who, String resource) {
    return "EXISTS (SELECT 1 FROM ACT_RU_AUTHORIZATION A WHERE A.RESOURCE_TYPE_ = ? AND "
        + who
        + " AND A.RESOURCE_ID_ = "
        + resource
        + " AND A.TYPE_ < 2 AND A.PERMS_ & ? = ?)";
  }

  /** The split tests' parameters for {@link #GRANTS}: per resource and check, groups then user. */
  private static List<String> splitParameters() {
    List<String> names = new ArrayList<>();
    for (int resource = 0; resource < 3; resource++) {
      for (String check : List.of("1", "2")) {
        names.addAll(List.of("t" + check, "group", "p" + check, "p" + check));
        names.addAll(List.of("t" + check, "user", "p" + check, "p" + check));
      }
    }
    return names;
  }

  @Test
  void theCountAsksForEachResourceTypeOfTheGroupsAndOfTheUserWithItsOwnExists() {
    TaskListGrants.Rewritten rewritten =
        TaskListGrants.Rewritten.of(COUNT, parameters(with(new String[0], "candidateGroup")));

    assertThat(rewritten).isNotNull();
    List<String> tests = new ArrayList<>();
    for (String resource : List.of("RES.ID_", "D.KEY_", "'*'")) {
      for (int check = 0; check < 2; check++) {
        tests.add(test("A.GROUP_ID_ IN (?)", resource));
        tests.add(test("A.USER_ID_ IN (?, '*')", resource));
      }
    }
    List<String> expected = new ArrayList<>(List.of("candidateGroup"));
    expected.addAll(splitParameters());
    assertThat(rewritten.sql())
        .doesNotContain("AUTH ON", "AUTH.RESOURCE_ID_")
        .contains("(RES.CASE_EXECUTION_ID_ IS NOT NULL) OR (" + String.join(" OR ", tests) + ") )")
        .startsWith(
            "SELECT COUNT(*) FROM (SELECT DISTINCT RES.ID_ from ACT_RU_TASK RES left join"
                + " ACT_RU_IDENTITYLINK I on I.TASK_ID_ = RES.ID_ left join ACT_RE_PROCDEF D on"
                + " RES.PROC_DEF_ID_ = D.ID_  WHERE ( 1 = 1")
        .endsWith("and (RES.TENANT_ID_ is null ) ) countDistinct");
    assertThat(tests).hasSize(12);
    assertThat(names(rewritten.parameters())).containsExactlyElementsOf(expected);
    assertThat(TaskListGrants.Rewritten.placeholders(rewritten.sql(), 0, rewritten.sql().length()))
        .isEqualTo(expected.size());
  }

  @Test
  void aUserWithoutGroupsOrWithSeveralGetsTheTestsOfWhatTheEngineAsksFor() {
    String noGroups =
        COUNT.replace(
            "( A.USER_ID_ in ( ?, '*') OR A.GROUP_ID_ IN ( ? ) )", "( A.USER_ID_ in ( ?, '*') )");
    TaskListGrants.Rewritten alone =
        TaskListGrants.Rewritten.of(
            noGroups, parameters("user", "t1", "p1", "p1", "t2", "p2", "p2", "candidateGroup"));
    assertThat(alone).isNotNull();
    assertThat(alone.sql())
        .doesNotContain("A.GROUP_ID_")
        .contains(test("A.USER_ID_ IN (?, '*')", "D.KEY_"));
    assertThat(alone.sql().split("EXISTS", -1)).hasSize(7);
    assertThat(names(alone.parameters()).subList(0, 5))
        .containsExactly("candidateGroup", "t1", "user", "p1", "p1");

    String twoGroups = COUNT.replace("A.GROUP_ID_ IN ( ? )", "A.GROUP_ID_ IN ( ? , ? )");
    TaskListGrants.Rewritten both =
        TaskListGrants.Rewritten.of(
            twoGroups,
            parameters("user", "g1", "g2", "t1", "p1", "p1", "t2", "p2", "p2", "candidateGroup"));
    assertThat(both).isNotNull();
    assertThat(both.sql()).contains(test("A.GROUP_ID_ IN (?, ?)", "RES.ID_"));
    assertThat(names(both.parameters()).subList(0, 10))
        .containsExactly("candidateGroup", "t1", "g1", "g2", "p1", "p1", "t1", "user", "p1", "p1");
    assertThat(TaskListGrants.Rewritten.placeholders(both.sql(), 0, both.sql().length()))
        .isEqualTo(both.parameters().size());
  }

  @Test
  void aFilterOfAnotherShapeIsAskedAsItIsOncePerResource() {
    // every check required (not disjunctive): no single grant needs to satisfy one of them
    String conjunctive =
        GRANTS.replace("A.PERMS_ & ? = ? OR A.RESOURCE", "A.PERMS_ & ? = ? AND A.RESOURCE");
    TaskListGrants.Rewritten rewritten =
        TaskListGrants.Rewritten.of(
            COUNT.replace(GRANTS, conjunctive), parameters(with(new String[0], "candidateGroup")));

    assertThat(rewritten).isNotNull();
    assertThat(rewritten.sql())
        .contains(
            "(RES.CASE_EXECUTION_ID_ IS NOT NULL) OR (EXISTS (SELECT 1 FROM ACT_RU_AUTHORIZATION A"
                + " WHERE A.RESOURCE_ID_ = RES.ID_ AND ("
                + conjunctive
                + ")) OR EXISTS (SELECT 1 FROM ACT_RU_AUTHORIZATION A WHERE A.RESOURCE_ID_ ="
                + " D.KEY_ AND ("
                + conjunctive
                + ")) OR EXISTS (SELECT 1 FROM ACT_RU_AUTHORIZATION A WHERE A.RESOURCE_ID_ = '*'"
                + " AND ("
                + conjunctive
                + "))) )");
    List<String> expected = new ArrayList<>(List.of("candidateGroup"));
    for (int i = 0; i < 3; i++) {
      expected.addAll(List.of(GRANT_PARAMETERS));
    }
    assertThat(names(rewritten.parameters())).containsExactlyElementsOf(expected);
    assertThat(TaskListGrants.Rewritten.placeholders(rewritten.sql(), 0, rewritten.sql().length()))
        .isEqualTo(expected.size());
  }

  @Test
  void theListKeepsItsLineBreaksOrderAndPagingAndTheParametersAroundTheGrants() {
    TaskListGrants.Rewritten rewritten =
        TaskListGrants.Rewritten.of(
            LIST, parameters(with(new String[0], "nameLike", "maxResults", "firstResult")));

    assertThat(rewritten).isNotNull();
    assertThat(rewritten.sql())
        .doesNotContain("AUTH ON", "AUTH.RESOURCE_ID_")
        .contains("WHERE ( 1 = 1 and RES.NAME_ like ? ESCAPE '\\\\' )")
        .contains("A.RESOURCE_ID_ = RES.ID_", "A.RESOURCE_ID_ = D.KEY_", "A.RESOURCE_ID_ = '*'")
        .endsWith("order by RES.PRIORITY_ desc\n    LIMIT ? OFFSET ?");
    List<String> expected = new ArrayList<>(List.of("nameLike"));
    expected.addAll(splitParameters());
    expected.addAll(List.of("maxResults", "firstResult"));
    assertThat(names(rewritten.parameters())).containsExactlyElementsOf(expected);
  }

  @Test
  void aPrefixedSchemaIsKeptInTheExistsTests() {
    String prefixed = COUNT.replace("ACT_", "qms.ACT_");
    TaskListGrants.Rewritten rewritten =
        TaskListGrants.Rewritten.of(prefixed, parameters(with(new String[0], "candidateGroup")));

    assertThat(rewritten).isNotNull();
    assertThat(rewritten.sql())
        .contains("EXISTS (SELECT 1 FROM qms.ACT_RU_AUTHORIZATION A WHERE A.RESOURCE_TYPE_ = ? AND")
        .doesNotContain(" ACT_RU_AUTHORIZATION");
  }

  @Test
  void anyOtherTextRunsAsTheEngineWroteIt() {
    String[] count = with(new String[0], "candidateGroup");
    assertThat(TaskListGrants.Rewritten.of(COUNT, parameters(count))).isNotNull();

    // rows not made distinct: the join's rows would count
    assertThat(
            TaskListGrants.Rewritten.of(
                COUNT.replace("SELECT DISTINCT RES.ID_", "SELECT RES.ID_"), parameters(count)))
        .isNull();
    // composite checks join the grants a second time
    assertThat(
            TaskListGrants.Rewritten.of(
                COUNT.replace(
                    "and (RES.TENANT", "and AUTH1.RESOURCE_ID_ IS NOT NULL and (RES.TENANT"),
                parameters(count)))
        .isNull();
    // revoke checks: no join, a CASE over the grants
    assertThat(
            TaskListGrants.Rewritten.of(
                COUNT.replace("(AUTH.RESOURCE_ID_ IS NOT NULL)", "(1 = 1)"), parameters(count)))
        .isNull();
    // another join condition (another engine version or database)
    assertThat(
            TaskListGrants.Rewritten.of(
                COUNT.replace(
                    "AUTH.RESOURCE_ID_ IN ( RES.ID_ , D.KEY_ , '*' )",
                    "AUTH.RESOURCE_ID_ = RES.ID_ OR AUTH.RESOURCE_ID_ = D.KEY_"),
                parameters(count)))
        .isNull();
    // placeholders and parameters disagree
    assertThat(
            TaskListGrants.Rewritten.of(
                COUNT, parameters(with(new String[0], "candidateGroup", "extra"))))
        .isNull();
    // a task query without grants
    assertThat(
            TaskListGrants.Rewritten.of(
                "select distinct RES.ID_ from ACT_RU_TASK RES where RES.ID_ = ?", parameters("id")))
        .isNull();
  }
}
