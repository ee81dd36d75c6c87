package com.qmsflow.records;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * How {@code process_party} names who had a task: {@code user:<id>} for the assignee and the user
 * who completed it, {@code group:<id>} for each candidate group.
 */
public final class Parties {

  private Parties() {}

  public static String user(String userId) {
    return "user:" + userId;
  }

  public static String group(String groupId) {
    return "group:" + groupId;
  }

  /** A user's parties: the user and each of the user's groups. */
  public static Set<String> of(String userId, Set<String> groupIds) {
    Set<String> parties = new LinkedHashSet<>();
    parties.add(user(userId));
    groupIds.forEach(g -> parties.add(group(g)));
    return parties;
  }

  /** The parties of a step: its candidate groups (comma-separated), assignee and completer. */
  static Set<String> ofStep(String candidateGroups, String assignee, String completedBy) {
    Set<String> parties = new LinkedHashSet<>();
    if (candidateGroups != null) {
      for (String group : candidateGroups.split(",")) {
        if (!group.isBlank()) {
          parties.add(group(group.trim()));
        }
      }
    }
    if (assignee != null) {
      parties.add(user(assignee));
    }
    if (completedBy != null) {
      parties.add(user(completedBy));
    }
    return parties;
  }
}
