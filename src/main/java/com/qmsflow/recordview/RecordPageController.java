package com.qmsflow.recordview;

import com.qmsflow.access.Reader;
import com.qmsflow.complaint.ComplaintRepository;
import com.qmsflow.complaint.CustomerReplies;
import com.qmsflow.complaint.CustomerReplies.Composer;
import com.qmsflow.web.ApiException;
import com.qmsflow.web.PageController;
import com.qmsflow.web.PlantTime;
import com.qmsflow.web.WebLocale;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import java.util.function.BiFunction;
import org.springframework.context.MessageSource;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The record pages in the shell: {@code /complaints/{number}} (the complaint record), {@code
 * /corrective-actions/{number}} (the 8D report in the VDA sections D0-D8) and {@code
 * /changes/{number}} (the contract change), read from the project's tables with the reader's access
 * (403 or, for a confidential change, 404 as a page).
 */
@PageController
public class RecordPageController {

  private final RecordViews views;
  private final RecordReaders readers;
  private final MessageSource messages;
  private final PlantTime plantTime;
  private final ComplaintRepository complaints;
  private final CustomerReplies replies;

  public RecordPageController(
      RecordViews views,
      RecordReaders readers,
      MessageSource messages,
      PlantTime plantTime,
      ComplaintRepository complaints,
      CustomerReplies replies) {
    this.complaints = complaints;
    this.replies = replies;
    this.views = views;
    this.readers = readers;
    this.messages = messages;
    this.plantTime = plantTime;
  }

  @GetMapping("/complaints/{number}")
  public String complaint(
      @PathVariable String number,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    String template = page(number, views::complaint, request, response, model);
    if (model.getAttribute("r") instanceof RecordView record) {
      readers
          .ofPage(request)
          .flatMap(reader -> replyForm(record, reader))
          .ifPresent(form -> model.addAttribute("replyForm", form));
    }
    return template;
  }

  /**
   * "Send the reply": offered while no reply was sent and "Reply in writing" is open, to its
   * assignee and the members of its candidate groups (the rule of {@code POST
   * /api/complaints/{number}/reply-mail}).
   */
  private Optional<Composer> replyForm(RecordView record, Reader reader) {
    if (record.sentMail() != null) {
      return Optional.empty();
    }
    return complaints
        .findByNumber(record.number())
        .flatMap(
            complaint ->
                replies
                    .openReplyTask(complaint.processInstanceId())
                    .filter(task -> replies.mayWork(task, reader.userId(), reader.groupIds()))
                    .map(task -> replies.composer(complaint, task)));
  }

  @GetMapping("/corrective-actions/{number}")
  public String correctiveAction(
      @PathVariable String number,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    return page(number, views::correctiveAction, request, response, model);
  }

  @GetMapping("/changes/{number}")
  public String change(
      @PathVariable String number,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    return page(number, views::change, request, response, model);
  }

  private String page(
      String number,
      BiFunction<String, Reader, RecordView> view,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    var locale = WebLocale.of(request);
    model.addAttribute("t", RecordTexts.page(messages, plantTime, locale));
    Optional<Reader> reader = readers.ofPage(request);
    if (reader.isEmpty()) {
      // the layout shows the sign-in hint instead of the page
      model.addAttribute("r", null);
      return "records/page";
    }
    try {
      model.addAttribute("r", view.apply(number, reader.get()));
    } catch (ApiException refused) {
      response.setStatus(refused.status().value());
      model.addAttribute("r", null);
      model.addAttribute(
          "refusal", messages.getMessage(refused.messageKey(), refused.arguments(), locale));
    }
    return "records/page";
  }
}
