package com.qmsflow.change;

import static com.qmsflow.change.ChangeVariables.*;

import com.qmsflow.change.ChangeRequestRepository.Implementation;
import java.time.Clock;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** When a department completes its implementation task, what it did goes into the register. */
@Component("recordChangeImplementation")
public class RecordChangeImplementationListener implements TaskListener {

  private final ChangeRequestRepository register;
  private final Clock clock;

  public RecordChangeImplementationListener(ChangeRequestRepository register, Clock clock) {
    this.register = register;
    this.clock = clock;
  }

  @Override
  public void notify(DelegateTask task) {
    register.recordImplementation(
        CHANGE_NUMBER_VAR.get(task),
        new Implementation(
            IMPLEMENTATION_ROUND.get(task).intValue(),
            IMPLEMENTING_DEPARTMENT.get(task),
            ChangeValues.text(IMPLEMENTATION_RECORD.raw(task)),
            RecordChangeReviewListener.completedBy(task),
            clock.instant()));
  }
}
