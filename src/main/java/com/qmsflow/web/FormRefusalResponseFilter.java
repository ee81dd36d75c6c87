package com.qmsflow.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.qmsflow.forms.FormRefusals;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Makes a refused form submission readable where the user looks. The engine's REST layer (the
 * engine REST API and the Camunda webapps' own, which Tasklist uses) answers a refusal with 400 and
 * a message such as {@code Cannot submit task form 8f1…: Please correct: Quantity (quantity) must
 * be at least 0}, in English and without the fields. For the submissions of forms (task and start
 * forms) this filter rewrites that answer, keeping Camunda's {@code type} and {@code code}: {@code
 * message} becomes the refusals in the request's language without the task or definition id, and
 * {@code fieldErrors} lists each refused field with its form component id and label, which the
 * Tasklist script {@code form-refusals.js} shows next to the field. The messages name a field by
 * its label in the request's language only; the variable key is in {@code field}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 30)
public class FormRefusalResponseFilter extends OncePerRequestFilter {

  private static final Pattern SUBMISSION =
      Pattern.compile(
          "^(/engine-rest|/camunda/api/engine/engine/[^/]+)"
              + "/(task|process-definition)/.+/submit-form$");

  private final MessageSource messages;
  private final ObjectMapper json;

  public FormRefusalResponseFilter(MessageSource messages, ObjectMapper json) {
    this.messages = messages;
    this.json = json;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equals(request.getMethod())
        || !SUBMISSION
            .matcher(request.getRequestURI().substring(request.getContextPath().length()))
            .matches();
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
    try {
      chain.doFilter(request, wrapper);
      List<FormRefusals.Refusal> refusals = FormRefusals.of(request);
      if (wrapper.getStatus() == HttpServletResponse.SC_BAD_REQUEST && !refusals.isEmpty()) {
        byte[] body = rewrite(wrapper.getContentAsByteArray(), refusals, WebLocale.of(request));
        wrapper.resetBuffer();
        wrapper.setContentType("application/json;charset=UTF-8");
        wrapper.getOutputStream().write(body);
      }
    } finally {
      wrapper.copyBodyToResponse();
    }
  }

  private byte[] rewrite(byte[] original, List<FormRefusals.Refusal> refusals, Locale locale)
      throws IOException {
    ObjectNode answer;
    try {
      JsonNode parsed = json.readTree(original);
      answer = parsed instanceof ObjectNode o ? o : json.createObjectNode();
    } catch (IOException notJson) {
      answer = json.createObjectNode();
    }
    ArrayNode fields = json.createArrayNode();
    StringBuilder message =
        new StringBuilder(messages.getMessage("form.refused", null, "Please correct:", locale));
    for (FormRefusals.Refusal refusal : refusals) {
      String text = FieldMessages.translate(refusal.field(), refusal.message(), messages, locale);
      message.append('\n').append(text);
      ObjectNode field = fields.addObject();
      field.put("field", refusal.field());
      field.put("componentId", refusal.componentId());
      field.put("label", refusal.label());
      field.put("message", text);
    }
    answer.put("message", message.toString());
    answer.set("fieldErrors", fields);
    return json.writeValueAsString(answer).getBytes(StandardCharsets.UTF_8);
  }
}
