package com.qmsflow.evidence;

import com.qmsflow.web.ApiException;
import org.springframework.http.HttpStatus;

/**
 * A refused evidence request; answered with its status as a problem ({@code
 * application/problem+json}) whose detail is the text of the key {@code evidence.*} in the caller's
 * language.
 */
public class EvidenceException extends ApiException {

  public EvidenceException(HttpStatus status, String messageKey, Object... arguments) {
    super(status, messageKey, arguments);
  }
}
