package com.qmsflow.tasklist;

import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/tasklist/context}: what Tasklist's script {@code scripts/task-list.js} needs from
 * the application, the plant's time zone ({@code qms.calendar.zone}) in which it shows every due
 * date next to Tasklist's relative one. Any signed-in user (the Tasklist session is enough).
 */
@RestController
public class TasklistContextController {

  private final String zone;

  public TasklistContextController(@Value("${qms.calendar.zone:Asia/Shanghai}") String zone) {
    this.zone = zone;
  }

  @GetMapping("/api/tasklist/context")
  public Map<String, String> context() {
    return Map.of("zone", zone);
  }
}
