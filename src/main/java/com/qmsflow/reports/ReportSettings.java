package com.qmsflow.reports;

import com.qmsflow.identity.Groups;
import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The {@code qms.reports.*} settings: the groups whose members receive the reports (default the
 * management representative's group quality-management and the general manager).
 */
@Component
public class ReportSettings {

  private final List<String> recipientGroups;

  public ReportSettings(
      @Value("${qms.reports.recipient-groups:quality-management,general-manager}")
          String recipientGroups) {
    this.recipientGroups =
        Arrays.stream(recipientGroups.split(","))
            .map(String::trim)
            .filter(g -> !g.isEmpty())
            .toList();
    for (String group : this.recipientGroups) {
      if (!Groups.all().contains(group)) {
        throw new IllegalArgumentException(
            "qms.reports.recipient-groups: unknown group "
                + group
                + " (groups: "
                + Groups.all()
                + ")");
      }
    }
    if (this.recipientGroups.isEmpty()) {
      throw new IllegalArgumentException("qms.reports.recipient-groups must name a group");
    }
  }

  public List<String> recipientGroups() {
    return recipientGroups;
  }
}
