package com.qmsflow.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.HitPolicy;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Checks the shipped decision files as files: schema-valid DMN 1.3 with a diagram shape (so Camunda
 * Modeler renders the DRD), the expected hit policy, a history time to live, an annotation on every
 * rule, and that a process engine which enforces history time to live deploys them.
 */
class DecisionFilesTest {

  private static final String[] DECISIONS = {
    "customer-tier",
    "complaint-severity",
    "complaint-deadlines",
    "compensation-authority",
    "corrective-action-deadlines",
    "change-reviewers",
    "change-approval-authority",
    "change-deadlines",
    "survey-deadlines",
    "survey-low-score-threshold"
  };

  @ParameterizedTest(name = "{0}.dmn")
  @CsvSource({
    "customer-tier, UNIQUE",
    "complaint-severity, FIRST",
    "complaint-deadlines, FIRST",
    "compensation-authority, UNIQUE",
    "corrective-action-deadlines, FIRST",
    "change-reviewers, COLLECT",
    "change-approval-authority, FIRST",
    "change-deadlines, FIRST",
    "survey-deadlines, FIRST",
    "survey-low-score-threshold, FIRST",
  })
  void fileIsAModelerReadyDecisionTable(String id, HitPolicy hitPolicy) throws Exception {
    DmnModelInstance model;
    try (InputStream in = new FileInputStream("decisions/" + id + ".dmn")) {
      model = Dmn.readModelFromStream(in); // validates against the DMN 1.3 schema
    }

    assertThat(model.getDefinitions().getDomElement().getNamespaceURI())
        .isEqualTo("https://www.omg.org/spec/DMN/20191111/MODEL/");
    Decision decision = model.getModelElementById(id);
    assertThat(decision).as("decision with id = file name").isNotNull();
    assertThat(decision.getName()).isNotBlank();
    assertThat(decision.getDescription()).isNotNull();
    assertThat(decision.getDescription().getTextContent()).isNotBlank();
    assertThat(decision.getCamundaHistoryTimeToLiveString()).isEqualTo("P180D");

    DecisionTable table = (DecisionTable) decision.getExpression();
    assertThat(table.getHitPolicy()).isEqualTo(hitPolicy);
    for (Rule rule : table.getRules()) {
      assertThat(rule.getDescription()).as("annotation of rule %s", rule.getId()).isNotNull();
      assertThat(rule.getDescription().getTextContent())
          .as("annotation of rule %s", rule.getId())
          .isNotBlank();
    }
    table
        .getInputs()
        .forEach(input -> assertThat(input.getInputExpression().getTypeRef()).isNotBlank());
    table.getOutputs().forEach(output -> assertThat(output.getTypeRef()).isNotBlank());

    assertThat(dmnShapeRefs(id)).as("DMNDI shapes of the diagram").contains(id);
  }

  private static java.util.List<String> dmnShapeRefs(String id) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    Document document =
        factory.newDocumentBuilder().parse(new java.io.File("decisions/" + id + ".dmn"));
    String dmndi = "https://www.omg.org/spec/DMN/20191111/DMNDI/";
    assertThat(document.getElementsByTagNameNS(dmndi, "DMNDiagram").getLength()).isEqualTo(1);
    NodeList shapes = document.getElementsByTagNameNS(dmndi, "DMNShape");
    java.util.List<String> refs = new java.util.ArrayList<>();
    for (int i = 0; i < shapes.getLength(); i++) {
      refs.add(((Element) shapes.item(i)).getAttribute("dmnElementRef"));
    }
    return refs;
  }

  private static ProcessEngine buildEngineEnforcingHistoryTimeToLive(String name) {
    StandaloneInMemProcessEngineConfiguration configuration =
        new StandaloneInMemProcessEngineConfiguration();
    configuration.setProcessEngineName(name);
    configuration.setJdbcUrl("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=1000");
    configuration.setJobExecutorActivate(false);
    configuration.setEnforceHistoryTimeToLive(true); // the 7.24 default, made explicit
    configuration.setHistoryTimeToLive(
        null); // no engine-wide fallback: each decision must carry its own
    return configuration.buildProcessEngine();
  }

  @Test
  void processEngineEnforcingHistoryTimeToLiveRejectsDecisionWithoutIt() throws IOException {
    String withoutTtl =
        Files.readString(Path.of("decisions/customer-tier.dmn"))
            .replace(" camunda:historyTimeToLive=\"P180D\"", "");
    assertThat(withoutTtl).doesNotContain("historyTimeToLive");
    ProcessEngine processEngine =
        buildEngineEnforcingHistoryTimeToLive("decision-files-no-ttl-test");
    try {
      assertThatThrownBy(
              () ->
                  processEngine
                      .getRepositoryService()
                      .createDeployment()
                      .addString("customer-tier.dmn", withoutTtl)
                      .deploy())
          .rootCause()
          .hasMessageContaining("ENGINE-12018 History Time To Live (TTL) cannot be null");
    } finally {
      processEngine.close();
    }
  }

  @Test
  void processEngineEnforcingHistoryTimeToLiveDeploysAllDecisions() throws IOException {
    ProcessEngine processEngine = buildEngineEnforcingHistoryTimeToLive("decision-files-test");
    try {
      RepositoryService repositoryService = processEngine.getRepositoryService();
      DeploymentBuilder deployment = repositoryService.createDeployment().name("decisions");
      for (String id : DECISIONS) {
        deployment.addInputStream(id + ".dmn", new FileInputStream("decisions/" + id + ".dmn"));
      }
      deployment.deploy();

      for (String id : DECISIONS) {
        DecisionDefinition definition =
            repositoryService
                .createDecisionDefinitionQuery()
                .decisionDefinitionKey(id)
                .singleResult();
        assertThat(definition).as(id).isNotNull();
        assertThat(definition.getHistoryTimeToLive()).as(id).isEqualTo(180);
      }
    } finally {
      processEngine.close();
    }
  }
}
