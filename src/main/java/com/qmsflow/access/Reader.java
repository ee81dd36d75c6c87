package com.qmsflow.access;

import java.util.Collection;
import java.util.Set;

/** A signed-in user and the ids of the user's groups, as the access rules see them. */
public record Reader(String userId, Set<String> groupIds) {

  public Reader {
    groupIds = Set.copyOf(groupIds);
  }

  public boolean admin() {
    return groupIds.contains(RecordAccess.ADMIN_GROUP);
  }

  public boolean inAny(Collection<String> groups) {
    return groups.stream().anyMatch(groupIds::contains);
  }
}
