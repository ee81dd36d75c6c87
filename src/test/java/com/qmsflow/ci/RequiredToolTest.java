package com.qmsflow.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class RequiredToolTest {

  @Test
  void aToolThatIsThereLetsTheTestRunOnCiAndElsewhere() {
    assertThatCode(() -> RequiredTool.require("SomeTest", true, "no node", Map.of("CI", "true")))
        .doesNotThrowAnyException();
    assertThatCode(() -> RequiredTool.require("SomeTest", true, "no node", Map.of()))
        .doesNotThrowAnyException();
  }

  @Test
  void aMissingToolOnADeveloperMachineSkipsTheTestWithTheReason() {
    assertThatThrownBy(() -> RequiredTool.require("SomeTest", false, "no node", Map.of()))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("SomeTest skipped: no node");
    assertThatThrownBy(
            () -> RequiredTool.require("SomeTest", false, "no node", Map.of("CI", "false")))
        .isInstanceOf(TestAbortedException.class);
  }

  @Test
  void aMissingToolOnCiFailsTheTest() {
    assertThatThrownBy(
            () -> RequiredTool.require("SomeTest", false, "no node", Map.of("CI", "true")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("SomeTest cannot run on CI (CI=true): no node");
  }

  @Test
  void ciIsTheEnvironmentVariableCiSetToTrue() {
    assertThat(RequiredTool.onCi(Map.of("CI", "true"))).isTrue();
    assertThat(RequiredTool.onCi(Map.of("CI", "TRUE"))).isTrue();
    assertThat(RequiredTool.onCi(Map.of("CI", "1"))).isFalse();
    assertThat(RequiredTool.onCi(Map.of())).isFalse();
  }
}
