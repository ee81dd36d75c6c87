package com.qmsflow.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Each process of {@code processes/} is a pool with a lane per role group, and each element is
 * drawn in the lane of who does it: a user task in the lane of its candidate group ({@code
 * customer-service} in {@code laneCustomerService}, …), a task whose group is computed ({@code
 * ${responsibleDepartment}}, {@code ${approverGroup}}, …) in {@code laneResponsibleDepartment}, an
 * 8D team task (assigned to {@code ${teamLeader}}) in {@code laneEightDTeam}, and service tasks,
 * decisions and events in {@code laneSystem}. Every flow node belongs to exactly one lane and its
 * shape lies inside that lane's shape.
 */
class ModelLanesTest {

  private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
  private static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
  private static final Set<String> SYSTEM =
      Set.of(
          "serviceTask",
          "businessRuleTask",
          "scriptTask",
          "sendTask",
          "startEvent",
          "endEvent",
          "intermediateCatchEvent",
          "intermediateThrowEvent");

  @Test
  void everyUserTaskLiesInTheLaneOfItsCandidateGroup() throws Exception {
    List<String> wrong = new ArrayList<>();
    int userTasks = 0;
    for (Path model : ModelLayoutTest.models()) {
      DiagramGeometry diagram = DiagramGeometry.of(model);
      userTasks +=
          (int) diagram.shapes.values().stream().filter(s -> s.type().equals("userTask")).count();
      wrong.addAll(wrongLanes(diagram));
    }
    assertThat(userTasks).as("user tasks checked").isGreaterThan(40);
    assertThat(wrong).as("elements in the wrong lane").isEmpty();
  }

  @Test
  void aTaskMovedIntoAnotherLaneIsNamed() throws Exception {
    Path model =
        ModelLayoutTest.models().stream()
            .filter(p -> p.getFileName().toString().equals("contract-change.bpmn"))
            .findFirst()
            .orElseThrow();
    String ref = "        <bpmn:flowNodeRef>userTaskConfirmWithCustomer</bpmn:flowNodeRef>\n";
    String text = Files.readString(model, StandardCharsets.UTF_8);
    assertThat(text).contains(ref);
    String moved =
        text.replace(ref, "")
            .replace(
                "<bpmn:lane id=\"laneQuality\" name=\"Quality assurance (品保)\">\n",
                "<bpmn:lane id=\"laneQuality\" name=\"Quality assurance (品保)\">\n" + ref);
    Path copy = Files.createTempFile("contract-change", ".bpmn");
    try {
      Files.writeString(copy, moved, StandardCharsets.UTF_8);
      assertThat(wrongLanes(DiagramGeometry.of(copy)))
          .anyMatch(
              v -> v.endsWith("userTaskConfirmWithCustomer: in laneQuality, belongs in laneSales"))
          .anyMatch(
              v -> v.endsWith("userTaskConfirmWithCustomer: drawn outside its lane laneQuality"));
    } finally {
      Files.delete(copy);
    }
  }

  /** The pool, lane membership and lane of every element of one diagram, one line per problem. */
  static List<String> wrongLanes(DiagramGeometry diagram) {
    List<String> wrong = new ArrayList<>();
    Document doc = diagram.document;
    String file = diagram.file;
    NodeList participants = doc.getElementsByTagNameNS(BPMN, "participant");
    Element process = (Element) doc.getElementsByTagNameNS(BPMN, "process").item(0);
    if (participants.getLength() != 1
        || !((Element) participants.item(0))
            .getAttribute("processRef")
            .equals(process.getAttribute("id"))) {
      wrong.add(file + ": not one pool showing the process");
    }
    if (!process.getAttribute("isExecutable").equals("true")
        || process.getAttributeNS(CAMUNDA, "historyTimeToLive").isBlank()) {
      wrong.add(file + ": the process lost isExecutable or historyTimeToLive");
    }
    Map<String, String> laneOf = new HashMap<>();
    NodeList lanes = doc.getElementsByTagNameNS(BPMN, "lane");
    if (lanes.getLength() < 2) {
      wrong.add(file + ": fewer than two lanes");
    }
    for (int i = 0; i < lanes.getLength(); i++) {
      Element lane = (Element) lanes.item(i);
      NodeList refs = lane.getElementsByTagNameNS(BPMN, "flowNodeRef");
      for (int j = 0; j < refs.getLength(); j++) {
        String node = refs.item(j).getTextContent().trim();
        String before = laneOf.put(node, lane.getAttribute("id"));
        if (before != null) {
          wrong.add(
              file + "#" + node + ": in two lanes, " + before + " and " + lane.getAttribute("id"));
        }
      }
    }
    for (DiagramGeometry.Shape shape : diagram.shapes.values()) {
      String lane = laneOf.get(shape.id());
      if (lane == null) {
        wrong.add(file + "#" + shape.id() + ": in no lane");
        continue;
      }
      DiagramGeometry.Shape laneShape = diagram.containers.get(lane);
      if (laneShape == null
          || !(shape.box().x() >= laneShape.box().x()
              && shape.box().right() <= laneShape.box().right()
              && shape.box().y() >= laneShape.box().y()
              && shape.box().bottom() <= laneShape.box().bottom())) {
        wrong.add(file + "#" + shape.id() + ": drawn outside its lane " + lane);
      }
      String expected = expectedLane(doc, shape.id(), shape.type());
      if (expected != null && !expected.equals(lane)) {
        wrong.add(file + "#" + shape.id() + ": in " + lane + ", belongs in " + expected);
      }
    }
    return wrong;
  }

  @Test
  void laneIdsFollowTheGroupIds() {
    assertThat(laneFor("customer-service")).isEqualTo("laneCustomerService");
    assertThat(laneFor("quality")).isEqualTo("laneQuality");
    assertThat(laneFor("${responsibleDepartment}")).isEqualTo("laneResponsibleDepartment");
  }

  /** The lane an element must be in, or null when any lane will do (gateways, call activities). */
  private static String expectedLane(Document doc, String id, String type) {
    if (SYSTEM.contains(type)) {
      return "laneSystem";
    }
    if (!type.equals("userTask")) {
      return null;
    }
    Element task = doc.getElementById(id);
    if (task == null) {
      task = find(doc, id);
    }
    String groups = task.getAttributeNS(CAMUNDA, "candidateGroups").trim();
    if (groups.isEmpty()) {
      return task.getAttributeNS(CAMUNDA, "assignee").equals("${teamLeader}")
          ? "laneEightDTeam"
          : "a lane rule for " + id + " (no candidate group, not the 8D team)";
    }
    return laneFor(groups);
  }

  static String laneFor(String candidateGroups) {
    if (candidateGroups.contains("${") || candidateGroups.contains("#{")) {
      return "laneResponsibleDepartment";
    }
    if (candidateGroups.contains(",")) {
      return "one candidate group per user task, not " + candidateGroups;
    }
    StringBuilder lane = new StringBuilder("lane");
    for (String part : candidateGroups.split("-")) {
      lane.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return lane.toString();
  }

  private static Element find(Document doc, String id) {
    NodeList all = doc.getElementsByTagNameNS(BPMN, "userTask");
    for (int i = 0; i < all.getLength(); i++) {
      if (((Element) all.item(i)).getAttribute("id").equals(id)) {
        return (Element) all.item(i);
      }
    }
    throw new IllegalStateException("no user task " + id);
  }
}
