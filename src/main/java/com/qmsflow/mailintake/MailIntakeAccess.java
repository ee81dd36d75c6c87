package com.qmsflow.mailintake;

import com.qmsflow.web.PageShell.Shell;
import org.springframework.stereotype.Component;

/**
 * Whether the shell's navigation shows "Complaints by mail": {@code
 * ${@mailIntakeAccess.mayRead(shell)}}.
 */
@Component("mailIntakeAccess")
public class MailIntakeAccess {

  public boolean mayRead(Shell shell) {
    return shell.inAny(MailIntakeController.READERS);
  }
}
