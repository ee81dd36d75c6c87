package com.qmsflow.complaint;

import com.qmsflow.complaint.DefectCatalog.DefectCode;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Finds a defect in the catalog by what a clerk types: a code or a word of its description. The
 * codes that match come first, then the descriptions: the code itself ("PACKAGING"), codes that
 * start with the text, codes with a part that starts with it ("WASTE" in "ENV-WASTE"), codes that
 * contain it; then descriptions with a word that starts with the text, descriptions that contain
 * it. Equal matches are ordered by code. Case does not matter; inactive codes are not offered.
 */
public final class DefectSearch {

  private static final String WORD_START = "(?:^|[^\\p{L}\\p{N}])";

  private static final int NO_MATCH = Integer.MAX_VALUE;

  private DefectSearch() {}

  /** The active codes matching the text, best first, at most {@code limit}. */
  public static List<DefectCode> find(List<DefectCode> catalog, String text, int limit) {
    String query = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    if (query.isEmpty()) {
      return List.of();
    }
    return catalog.stream()
        .filter(DefectCode::active)
        .filter(d -> rank(d, query) != NO_MATCH)
        .sorted(
            Comparator.comparingInt((DefectCode d) -> rank(d, query))
                .thenComparing(DefectCode::code))
        .limit(limit)
        .toList();
  }

  /** 0 for the best match; {@link #NO_MATCH} when neither code nor description matches. */
  static int rank(DefectCode defect, String query) {
    String code = defect.code().toLowerCase(Locale.ROOT);
    String description =
        defect.description() == null ? "" : defect.description().toLowerCase(Locale.ROOT);
    if (code.equals(query)) {
      return 0;
    }
    if (code.startsWith(query)) {
      return 1;
    }
    if (aWordStartsWith(code, query)) {
      return 2;
    }
    if (code.contains(query)) {
      return 3;
    }
    if (aWordStartsWith(description, query)) {
      return 4;
    }
    if (description.contains(query)) {
      return 5;
    }
    return NO_MATCH;
  }

  /** A word of the text (letters and digits between other characters) starts with the query. */
  private static boolean aWordStartsWith(String text, String query) {
    return Pattern.compile(WORD_START + Pattern.quote(query)).matcher(text).find();
  }
}
