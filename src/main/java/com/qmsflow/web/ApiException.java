package com.qmsflow.web;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import org.springframework.http.HttpStatus;

/**
 * A request of the project's API ({@code /api/**}) that is refused: its status and the key of its
 * text in the message bundles ({@code messages.properties}, {@code messages_zh.properties}) with
 * the arguments of that text. {@link ApiExceptionHandler} answers it as {@code
 * application/problem+json} in the caller's language; {@link #getMessage()} is the English text
 * (for logs).
 */
public class ApiException extends RuntimeException {

  private final HttpStatus status;
  private final String messageKey;
  private final transient Object[] arguments;

  public ApiException(HttpStatus status, String messageKey, Object... arguments) {
    super(messageKey);
    this.status = status;
    this.messageKey = messageKey;
    this.arguments = arguments.clone();
  }

  public HttpStatus status() {
    return status;
  }

  public String messageKey() {
    return messageKey;
  }

  public Object[] arguments() {
    return arguments.clone();
  }

  @Override
  public String getMessage() {
    return english(messageKey, arguments);
  }

  /** The English text of a key (the default bundle), or the key when the bundle lacks it. */
  static String english(String key, Object... arguments) {
    try {
      String pattern = ResourceBundle.getBundle("messages", Locale.ROOT).getString(key);
      // as Spring's MessageSource: a text without arguments is not a MessageFormat pattern
      return arguments == null || arguments.length == 0
          ? pattern
          : new MessageFormat(pattern, Locale.ENGLISH).format(arguments);
    } catch (MissingResourceException e) {
      return key;
    }
  }
}
