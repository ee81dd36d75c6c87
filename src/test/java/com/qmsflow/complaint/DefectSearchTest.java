package com.qmsflow.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import com.qmsflow.complaint.DefectCatalog.DefectCode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Finding a defect by what the clerk types: code matches first, then descriptions. */
class DefectSearchTest {

  private static final List<DefectCode> CATALOG =
      List.of(
          new DefectCode(
              "ENV-WASTE", "Waste or packaging material disposal", "environmental", true),
          new DefectCode("LABEL", "Wrong or missing label / identification", "quality", true),
          new DefectCode("PACK-DENT", "Dented box", "quality", false),
          new DefectCode("PACKAGING", "Packaging damaged, wrong or insufficient", "quality", true),
          new DefectCode("PACKAGING-WET", "Wet cartons", "quality", true),
          new DefectCode("SUBPACKAGING", "Inner bags torn", "quality", true),
          new DefectCode("WRONG-PRODUCT", "Wrong product or model delivered", "delivery", true));

  private static List<String> codes(String typed) {
    return DefectSearch.find(CATALOG, typed, 15).stream().map(DefectCode::code).toList();
  }

  @Test
  void theCodeItselfComesFirstThenCodesStartingWithItThenCodesContainingItThenDescriptions() {
    assertThat(codes("PACKAGING"))
        .containsExactly("PACKAGING", "PACKAGING-WET", "SUBPACKAGING", "ENV-WASTE");
    assertThat(codes("packaging")).as("case does not matter").startsWith("PACKAGING");
  }

  @Test
  void aPartOfACodeComesBeforeAWordOfADescription() {
    assertThat(codes("waste")).containsExactly("ENV-WASTE");
    assertThat(codes("wrong")).containsExactly("WRONG-PRODUCT", "LABEL", "PACKAGING");
  }

  @Test
  void aWordOfADescriptionComesBeforeTextInsideAWord() {
    // "bag" starts a word in SUBPACKAGING's description; "ing" is only inside words
    assertThat(codes("bag")).containsExactly("SUBPACKAGING");
    assertThat(codes("ing"))
        .containsExactly("PACKAGING", "PACKAGING-WET", "SUBPACKAGING", "ENV-WASTE", "LABEL");
  }

  @Test
  void inactiveCodesAreNotOfferedAndNothingIsFoundForNothingTyped() {
    assertThat(codes("PACK")).doesNotContain("PACK-DENT");
    assertThat(codes("  ")).isEmpty();
    assertThat(codes(null)).isEmpty();
    assertThat(DefectSearch.find(CATALOG, "PACKAGING", 2)).hasSize(2);
  }
}
