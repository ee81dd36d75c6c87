package com.qmsflow.change;

import com.qmsflow.identity.Groups;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who reviews a change in a round [002 §4.2 B]: the distinct groups of the change-reviewers
 * decision's collect-entries result ({@code [{reviewerGroup: "engineering"}, …]}), in the order the
 * decision returned them. The inclusive gateway of the review round splits on one flag per
 * reviewing department.
 */
public record ReviewerSelection(List<String> groups) {

  public ReviewerSelection {
    groups = List.copyOf(groups);
  }

  /** The selection from the decision's result; entries without a group are ignored. */
  public static ReviewerSelection of(Object decisionResult) {
    Set<String> distinct = new LinkedHashSet<>();
    if (decisionResult instanceof Collection<?> entries) {
      for (Object entry : entries) {
        Object group = entry instanceof Map<?, ?> m ? m.get("reviewerGroup") : entry;
        if (group != null && !group.toString().isBlank()) {
          distinct.add(group.toString().trim());
        }
      }
    }
    return new ReviewerSelection(List.copyOf(distinct));
  }

  public boolean isEmpty() {
    return groups.isEmpty();
  }

  public boolean engineeringReviews() {
    return groups.contains(Groups.ENGINEERING);
  }

  public boolean productionReviews() {
    return groups.contains(Groups.PRODUCTION);
  }

  public boolean materialControlReviews() {
    return groups.contains(Groups.MATERIAL_CONTROL);
  }

  /** The groups as the process variable {@code reviewerGroups} holds them. */
  public String joined() {
    return String.join(",", groups);
  }
}
