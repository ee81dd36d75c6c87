package com.qmsflow.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The diagrams of {@code processes/} are drawn as a person would draw them ({@link
 * DiagramGeometry}): flows start and end on their shapes and never run through one, no two flows
 * share their waypoints, every named event, gateway and flow has label bounds clear of other labels
 * and shapes, loops are the only leftward flows, branches and end events sit near their gateway or
 * branch, and each diagram fits in 3,500 × 2,000 px. bpmnlint's no-overlapping-elements looks at
 * shapes only. Also checks that the rules themselves catch what they are meant to catch.
 */
class ModelLayoutTest {

  @Test
  void everyDiagramKeepsTheLayoutRules() throws Exception {
    List<String> violations = new ArrayList<>();
    for (Path model : models()) {
      DiagramGeometry diagram = DiagramGeometry.of(model);
      DiagramGeometry.Box extent = diagram.extent();
      System.out.printf(
          "%s: %d x %d px, %d flow nodes, %d flows, %d flow crossings%n",
          diagram.file,
          (int) extent.w(),
          (int) extent.h(),
          diagram.shapes.size(),
          diagram.edges.size(),
          diagram.crossings());
      diagram.violations().forEach(v -> violations.add(diagram.file + ": " + v));
    }
    assertThat(violations).as("layout rules broken").isEmpty();
  }

  @Test
  void theRulesCatchWhatTheyAreMeantToCatch() throws Exception {
    Path broken = Files.createTempFile("broken-layout", ".bpmn");
    Files.writeString(
        broken,
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" \
        xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" \
        xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" \
        xmlns:di="http://www.omg.org/spec/DD/20100524/DI" id="d" targetNamespace="t">
          <bpmn:process id="p" isExecutable="true">
            <bpmn:startEvent id="start" name="Start (开始)" />
            <bpmn:task id="a" name="A (甲)" />
            <bpmn:task id="b" name="B (乙)" />
            <bpmn:endEvent id="end" name="End (结束)" />
            <bpmn:sequenceFlow id="f1" name="first (一)" sourceRef="start" targetRef="b" />
            <bpmn:sequenceFlow id="f2" sourceRef="b" targetRef="end" />
            <bpmn:sequenceFlow id="f3" sourceRef="b" targetRef="end" />
            <bpmn:sequenceFlow id="f4" sourceRef="b" targetRef="a" />
            <bpmn:task id="c" name="C (丙)" />
          </bpmn:process>
          <bpmndi:BPMNDiagram id="dd">
            <bpmndi:BPMNPlane id="pl" bpmnElement="p">
              <bpmndi:BPMNShape id="s1" bpmnElement="start"><dc:Bounds x="0" y="100" width="36" height="36" />
                <bpmndi:BPMNLabel><dc:Bounds x="0" y="140" width="60" height="14" /></bpmndi:BPMNLabel></bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="s2" bpmnElement="a"><dc:Bounds x="100" y="78" width="100" height="80" /></bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="s3" bpmnElement="b"><dc:Bounds x="300" y="78" width="100" height="80" /></bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="s5" bpmnElement="c"><dc:Bounds x="350" y="100" width="100" height="80" /></bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="s4" bpmnElement="end"><dc:Bounds x="4000" y="100" width="36" height="36" /></bpmndi:BPMNShape>
              <bpmndi:BPMNEdge id="e1" bpmnElement="f1"><di:waypoint x="36" y="118" /><di:waypoint x="300" y="118" />
                <bpmndi:BPMNLabel><dc:Bounds x="10" y="145" width="60" height="14" /></bpmndi:BPMNLabel></bpmndi:BPMNEdge>
              <bpmndi:BPMNEdge id="e2" bpmnElement="f2"><di:waypoint x="400" y="118" /><di:waypoint x="3990" y="118" /></bpmndi:BPMNEdge>
              <bpmndi:BPMNEdge id="e4" bpmnElement="f4"><di:waypoint x="300" y="150" /><di:waypoint x="200" y="150" /></bpmndi:BPMNEdge>
              <bpmndi:BPMNEdge id="e3" bpmnElement="f3"><di:waypoint x="400" y="118" /><di:waypoint x="3990" y="118" /></bpmndi:BPMNEdge>
            </bpmndi:BPMNPlane>
          </bpmndi:BPMNDiagram>
        </bpmn:definitions>
        """);
    try {
      List<String> violations = DiagramGeometry.of(broken).violations();
      assertThat(violations)
          .contains(
              "f1: runs through a",
              "f2: ends at Point[x=3990.0, y=118.0], not on its target end",
              "f3: has the same waypoints as f2",
              "end: named endEvent without label bounds",
              "label of start overlaps the label of f1",
              "b overlaps c",
              "f4: runs right to left into a, which is not a merging gateway (a loop)")
          .anyMatch(v -> v.startsWith("f2: end event end is"))
          .anyMatch(v -> v.startsWith("diagram is 4036 x"));
    } finally {
      Files.delete(broken);
    }
  }

  static List<Path> models() throws IOException {
    Path root = Paths.get("").toAbsolutePath();
    while (root != null && !Files.isDirectory(root.resolve("processes"))) {
      root = root.getParent();
    }
    assertThat(root).as("processes/ above the working directory").isNotNull();
    try (Stream<Path> files = Files.list(root.resolve("processes"))) {
      List<Path> models = files.filter(p -> p.toString().endsWith(".bpmn")).sorted().toList();
      assertThat(models).isNotEmpty();
      return models;
    }
  }
}
