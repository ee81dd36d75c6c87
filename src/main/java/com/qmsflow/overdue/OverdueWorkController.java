package com.qmsflow.overdue;

import com.qmsflow.overdue.OverdueWork.Item;
import com.qmsflow.web.ForbiddenException;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/overdue-work}: the open overdue and escalated tasks of all groups ({@link
 * OverdueWork}) as JSON, for sales management, quality management, the general manager and
 * administrators; others {@code 403}.
 */
@RestController
public class OverdueWorkController {

  private final OverdueWork overdue;
  private final IdentityService identityService;

  public OverdueWorkController(OverdueWork overdue, IdentityService identityService) {
    this.overdue = overdue;
    this.identityService = identityService;
  }

  @GetMapping(value = "/api/overdue-work", produces = MediaType.APPLICATION_JSON_VALUE)
  public List<Item> items() {
    Authentication user = identityService.getCurrentAuthentication();
    if (user == null || user.getUserId() == null) {
      throw new ForbiddenException("overdue.loginRequired");
    }
    List<String> groups = user.getGroupIds() == null ? List.of() : user.getGroupIds();
    if (!OverdueWork.mayRead(groups)) {
      throw new ForbiddenException(
          "overdue.managersOnly", user.getUserId(), String.join(", ", OverdueWork.READERS));
    }
    return overdue.items();
  }
}
