package com.qmsflow.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The pictures of {@code docs/diagrams/} match the models: each model of {@code processes/} has its
 * SVG, drawn by {@code npm run diagrams} (bpmn-js in Chromium), which records the SHA-256 of the
 * model it was drawn from; and the SVG holds a drawn element for each flow node and sequence flow
 * of the model. A hash instead of rendering again and comparing: the SVG's text positions depend on
 * the fonts of the machine that drew it, the model's bytes do not, and this test needs neither
 * Node.js nor Chromium.
 */
class DiagramPicturesTest {

  private static final Pattern SOURCE =
      Pattern.compile("<qmsflow:source [^>]*model=\"([^\"]+)\" sha256=\"([0-9a-f]{64})\"");

  @Test
  void everyModelHasAPictureDrawnFromItsCurrentVersion() throws Exception {
    List<String> stale = new ArrayList<>();
    for (Path model : ModelLayoutTest.models()) {
      String name = model.getFileName().toString().replaceFirst("\\.bpmn$", "");
      Path svg = model.getParent().resolveSibling("docs/diagrams/" + name + ".svg");
      if (!Files.isRegularFile(svg)) {
        stale.add(svg + " is missing");
        continue;
      }
      String picture = Files.readString(svg, StandardCharsets.UTF_8);
      Matcher source = SOURCE.matcher(picture);
      if (!source.find()) {
        stale.add(svg + " does not say which model it was drawn from");
        continue;
      }
      assertThat(source.group(1)).isEqualTo("processes/" + model.getFileName());
      if (!source.group(2).equals(sha256(model))) {
        stale.add(svg + " was drawn from an older " + model.getFileName());
      }
      DiagramGeometry diagram = DiagramGeometry.of(model);
      List<String> ids = new ArrayList<>(diagram.shapes.keySet());
      ids.addAll(diagram.edges.keySet());
      for (String id : ids) {
        if (!picture.contains("data-element-id=\"" + id + "\"")) {
          stale.add(svg + " does not draw " + id);
        }
      }
    }
    assertThat(stale)
        .as(
            "pictures that do not match their models: run `npm run diagrams` and commit"
                + " docs/diagrams/")
        .isEmpty();
  }

  /** The hash the drawing script records: of the file's text with LF line endings. */
  static String sha256(Path model) throws Exception {
    String text = Files.readString(model, StandardCharsets.UTF_8).replace("\r\n", "\n");
    byte[] digest =
        MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest);
  }
}
