package com.qmsflow.processtest;

import static com.qmsflow.deadline.DeadlineTaskPlugin.LEVEL_ONE_LISTENER;
import static com.qmsflow.deadline.DeadlineTaskPlugin.LEVEL_TWO_LISTENER;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.runtime.Job;

/**
 * The escalation timers of a deadline task: timeout task listener jobs at the task's activity, told
 * apart by their job configuration ({@code <task>$taskListener~escalationLevel<n>}).
 */
public final class EscalationTimers {

  private EscalationTimers() {}

  /** The job handler configuration of a deadline task's escalation timer of the given level. */
  public static String configuration(String taskKey, int level) {
    return taskKey + "$taskListener~" + (level == 1 ? LEVEL_ONE_LISTENER : LEVEL_TWO_LISTENER);
  }

  /** The pending escalation timer of the task at that level, or null. */
  public static Job find(
      ManagementService management, String processInstanceId, String taskKey, int level) {
    List<Job> jobs = findAll(management, processInstanceId, taskKey, level);
    if (jobs.size() > 1) {
      throw new AssertionError(
          jobs.size() + " escalation timers of level " + level + " at " + taskKey);
    }
    return jobs.isEmpty() ? null : jobs.get(0);
  }

  /**
   * The pending escalation timers of the task at that level: one per open task (a multi-instance
   * task has one per instance).
   */
  public static List<Job> findAll(
      ManagementService management, String processInstanceId, String taskKey, int level) {
    List<Job> found = new ArrayList<>();
    String configuration = configuration(taskKey, level);
    for (Job job :
        management
            .createJobQuery()
            .processInstanceId(processInstanceId)
            .timers()
            .activityId(taskKey)
            .list()) {
      if (configuration.equals(((JobEntity) job).getJobHandlerConfigurationRaw())) {
        found.add(job);
      }
    }
    return found;
  }

  /** Fires every escalation timer of that level at the task; fails if there is none. */
  public static void fire(
      ManagementService management, String processInstanceId, String taskKey, int level) {
    List<Job> jobs = findAll(management, processInstanceId, taskKey, level);
    if (jobs.isEmpty()) {
      throw new AssertionError("no escalation timer of level " + level + " at " + taskKey);
    }
    jobs.forEach(job -> management.executeJob(job.getId()));
  }
}
