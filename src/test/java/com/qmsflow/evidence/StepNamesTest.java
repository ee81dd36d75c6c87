package com.qmsflow.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The evidence page names a file's step by its task's name in the page's language (issue 18.8). */
class StepNamesTest {

  private final StepNames names = new StepNames();

  @Test
  void aStepIsNamedAsItsModelNamesItInTheLanguage() {
    assertThat(names.name("userTaskCollectImprovementEvidence", Locale.ENGLISH))
        .isEqualTo("Collect improvement evidence");
    assertThat(names.name("userTaskCollectImprovementEvidence", Locale.CHINESE))
        .isEqualTo("收集改善证据");
    // an 8D step too, and a key no model knows stays as it is
    assertThat(names.name("userTaskD3Containment", Locale.CHINESE)).doesNotContain("userTask");
    assertThat(names.name("userTaskGone", Locale.CHINESE)).isEqualTo("userTaskGone");
    assertThat(names.all(Locale.CHINESE)).containsKey("userTaskVerifyEffectiveness");
  }
}
