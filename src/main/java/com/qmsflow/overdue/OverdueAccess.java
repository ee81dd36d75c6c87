package com.qmsflow.overdue;

import com.qmsflow.web.PageShell.Shell;
import org.springframework.stereotype.Component;

/** For the layout's navigation: {@code ${@overdueAccess.mayRead(shell)}} ({@link OverdueWork}). */
@Component("overdueAccess")
public class OverdueAccess {

  public boolean mayRead(Shell shell) {
    return shell.inAny(OverdueWork.READERS);
  }
}
