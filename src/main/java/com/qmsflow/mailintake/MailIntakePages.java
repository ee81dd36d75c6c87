package com.qmsflow.mailintake;

import com.qmsflow.identity.Groups;
import com.qmsflow.mailintake.InboundMailRepository.Mail;
import com.qmsflow.web.PageController;
import com.qmsflow.web.PageShell.Shell;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The page "Complaints by mail (邮件客诉)" of the shell: {@code /mail-intake/} lists the drafts from
 * the complaint mailbox (and the last decided ones); {@code /mail-intake/{id}} shows one mail
 * (sender, matched customer, text, files and why a file was refused) with the registration form of
 * "Register a complaint", prefilled from the mail, and "Discard" with a reason. Both call {@code
 * /api/mail-intake}, which decides. For customer service and quality management ({@link
 * MailIntakeController#READERS}); deciding is customer service's.
 */
@PageController
public class MailIntakePages {

  /** Who registers or discards a draft: the rule of {@code POST /api/mail-intake/{id}/register}. */
  static final List<String> DECIDERS = List.of(Groups.CUSTOMER_SERVICE, Groups.CAMUNDA_ADMIN);

  private final InboundMailRepository mails;
  private final MailIntakeController api;
  private final JdbcClient jdbc;

  public MailIntakePages(InboundMailRepository mails, MailIntakeController api, JdbcClient jdbc) {
    this.mails = mails;
    this.api = api;
    this.jdbc = jdbc;
  }

  @GetMapping("/mail-intake/")
  public String list(
      @ModelAttribute("shell") Shell shell, Model model, HttpServletResponse response) {
    if (refused(shell, model, response)) {
      return "forbidden";
    }
    if (shell.user() != null) {
      model.addAttribute("drafts", mails.withStatus(InboundMailRepository.DRAFT, 500));
      model.addAttribute("decided", mails.recentlyDecided(30));
    }
    return "mail-intake";
  }

  @GetMapping("/mail-intake/{id}")
  public String draft(
      @PathVariable("id") long id,
      @ModelAttribute("shell") Shell shell,
      Model model,
      HttpServletResponse response) {
    if (refused(shell, model, response)) {
      return "forbidden";
    }
    if (shell.user() != null) {
      Mail mail =
          mails.find(id).filter(m -> InboundMailRepository.DRAFT.equals(m.kind())).orElse(null);
      if (mail == null) {
        response.setStatus(HttpStatus.NOT_FOUND.value());
        model.addAttribute("missing", id);
        return "mail-draft";
      }
      model.addAttribute("m", api.view(mail));
      model.addAttribute(
          "customerName",
          mail.customerCode() == null
              ? null
              : jdbc.sql("select name from customer where code = ?")
                  .param(mail.customerCode())
                  .query(String.class)
                  .optional()
                  .orElse(null));
      model.addAttribute(
          "mayDecide", InboundMailRepository.DRAFT.equals(mail.status()) && shell.inAny(DECIDERS));
      model.addAttribute(
          "description",
          mail.body() == null || mail.body().length() <= 4000
              ? mail.body()
              : mail.body().substring(0, 4000));
    }
    return "mail-draft";
  }

  private static boolean refused(Shell shell, Model model, HttpServletResponse response) {
    if (shell.user() == null || shell.inAny(MailIntakeController.READERS)) {
      return false;
    }
    response.setStatus(HttpStatus.FORBIDDEN.value());
    model.addAttribute("allowedGroups", String.join(", ", MailIntakeController.READERS));
    return true;
  }
}
