package com.qmsflow.models;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Process, task and form labels are bilingual in one model, "English (中文)" (see README, "中文界面 /
 * Chinese interface"): every name a user sees in Tasklist, Cockpit or a Camunda Form must contain
 * both Latin and Chinese (CJK) text. The test lists every offender at once.
 *
 * <p>Checked: every named BPMN element of {@code processes/} (process, tasks, events, gateways,
 * sub-processes, call activities, sequence flows); a process, user task, start or end event without
 * a name; user task and process names longer than {@value #MAX_TASK_NAME} characters (Tasklist's
 * list cuts them). In {@code forms/}: every label, description, option label and every text
 * component, whose markdown headings and bold captions must each be bilingual too.
 */
class BilingualLabelsTest {

  private static final String BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL";

  /** Longest process or user task name that still reads well in Tasklist's task list. */
  static final int MAX_TASK_NAME = 45;

  private static final Pattern CJK = Pattern.compile("\\p{IsHan}");
  private static final Pattern LATIN = Pattern.compile("[A-Za-z]");
  private static final Pattern TEMPLATE = Pattern.compile("\\{\\{[^}]*}}");
  private static final Pattern BOLD = Pattern.compile("\\*\\*(.+?)\\*\\*");

  /** Names that are technical, not labels, as "file#element id" with the reason. Keep it short. */
  private static final Map<String, String> ALLOWED =
      Map.of(
          "contract-change.bpmn#messageChangeRequestedByCorrectiveAction",
          "the message name is the correlation key the corrective action sends"
              + " (ChangeVariables.MESSAGE_FROM_CORRECTIVE_ACTION); no user sees it",
          "complaint-handling.bpmn#messageCustomerDecisionReceived",
          "the message name is the correlation key the status page sends"
              + " (ComplaintVariables.DECISION_MESSAGE); no user sees it",
          "customer-satisfaction-survey.bpmn#messageCustomerSurveyRequested",
          "the message name is the correlation key the campaign sends"
              + " (SurveyVariables.SURVEY_REQUESTED_MESSAGE); no user sees it",
          "customer-satisfaction-survey.bpmn#messageSurveyAnswerReceived",
          "the message name is the correlation key the answer page sends"
              + " (SurveyVariables.ANSWER_RECEIVED_MESSAGE); no user sees it");

  /** Elements that must be named because Tasklist or Cockpit shows them. */
  private static final List<String> MUST_BE_NAMED =
      List.of("process", "userTask", "startEvent", "endEvent");

  @Test
  void everyBpmnNameIsBilingual() throws Exception {
    List<String> offenders = new ArrayList<>();
    for (Path model : files("processes", ".bpmn")) {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      Document document = factory.newDocumentBuilder().parse(model.toFile());
      NodeList elements = document.getElementsByTagNameNS(BPMN_NS, "*");
      for (int i = 0; i < elements.getLength(); i++) {
        Element element = (Element) elements.item(i);
        String type = element.getLocalName();
        String id = element.getAttribute("id");
        String where = model.getFileName() + "#" + id;
        if (ALLOWED.containsKey(where)) {
          continue;
        }
        String name = element.getAttribute("name");
        if (name.isBlank()) {
          if (MUST_BE_NAMED.contains(type)) {
            offenders.add(where + " (" + type + "): no name");
          }
          continue;
        }
        if (!bilingual(name)) {
          offenders.add(where + " (" + type + "): \"" + name + "\"");
        }
        if ((type.equals("userTask") || type.equals("process")) && name.length() > MAX_TASK_NAME) {
          offenders.add(
              where
                  + " ("
                  + type
                  + "): \""
                  + name
                  + "\" is "
                  + name.length()
                  + " characters, more than "
                  + MAX_TASK_NAME);
        }
      }
    }
    assertThat(offenders).as("BPMN names that are not 'English (中文)'").isEmpty();
  }

  @Test
  void everyFormLabelIsBilingual() throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    List<String> offenders = new ArrayList<>();
    for (Path form : files("forms", ".form")) {
      check(mapper.readTree(form.toFile()), form.getFileName().toString(), offenders);
    }
    assertThat(offenders).as("form texts that are not 'English (中文)'").isEmpty();
  }

  @Test
  void theCheckRecognisesEnglishOnlyAndChineseOnlyTexts() {
    assertThat(bilingual("Confirmation method (确认方式)")).isTrue();
    assertThat(bilingual("D0 Emergency response (紧急响应)")).isTrue();
    assertThat(bilingual("Confirmation method")).isFalse();
    assertThat(bilingual("确认方式")).isFalse();
    assertThat(bilingual("")).isFalse();
  }

  private static void check(JsonNode component, String form, List<String> offenders) {
    String where = form + "#" + component.path("id").asText(component.path("key").asText());
    for (String property : List.of("label", "description")) {
      String text = component.path(property).asText("");
      if (!text.isEmpty() && !bilingual(text)) {
        offenders.add(where + " " + property + ": \"" + text + "\"");
      }
    }
    for (JsonNode option : component.path("values")) {
      String label = option.path("label").asText("");
      if (!bilingual(label)) {
        offenders.add(where + " option " + option.path("value").asText() + ": \"" + label + "\"");
      }
    }
    if ("text".equals(component.path("type").asText())) {
      String text = component.path("text").asText("");
      if (!bilingual(text)) {
        offenders.add(where + " text: \"" + text + "\"");
      }
      for (String line : text.split("\n")) {
        String visible = TEMPLATE.matcher(line).replaceAll("");
        if (line.startsWith("#")
            && LATIN.matcher(visible.replace("#", "")).find()
            && !CJK.matcher(visible).find()) {
          offenders.add(where + " heading: \"" + line + "\"");
        }
        Matcher bold = BOLD.matcher(line);
        while (bold.find()) {
          String caption = TEMPLATE.matcher(bold.group(1)).replaceAll("");
          if (LATIN.matcher(caption).find() && !CJK.matcher(caption).find()) {
            offenders.add(where + " caption: \"**" + bold.group(1) + "**\"");
          }
        }
      }
    }
    for (JsonNode child : component.path("components")) {
      check(child, form, offenders);
    }
  }

  static boolean bilingual(String text) {
    return CJK.matcher(text).find() && LATIN.matcher(text).find();
  }

  private static List<Path> files(String directory, String extension) throws IOException {
    Path root = Paths.get("").toAbsolutePath();
    while (root != null && !Files.isDirectory(root.resolve(directory))) {
      root = root.getParent();
    }
    assertThat(root).as("directory " + directory + " above the working directory").isNotNull();
    try (Stream<Path> files = Files.list(root.resolve(directory))) {
      List<Path> found =
          files.filter(p -> p.getFileName().toString().endsWith(extension)).sorted().toList();
      assertThat(found).as(directory).isNotEmpty();
      return found;
    }
  }
}
