package com.qmsflow.evidence;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/** JSON bodies of refused evidence requests: {@code {"status", "error", "message"}}. */
@RestControllerAdvice(assignableTypes = EvidenceController.class)
public class EvidenceExceptionHandler {

  /** Body of a refusal. */
  public record Problem(int status, String error, String message) {

    static ResponseEntity<Problem> of(HttpStatus status, String message) {
      ResponseEntity.BodyBuilder answer =
          ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON);
      if (status == HttpStatus.UNAUTHORIZED) {
        answer.header(
            HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"complaint-handling\", charset=\"UTF-8\"");
      }
      return answer.body(new Problem(status.value(), status.getReasonPhrase(), message));
    }
  }

  @ExceptionHandler(EvidenceException.class)
  ResponseEntity<Problem> refused(EvidenceException e) {
    return Problem.of(e.status(), e.getMessage());
  }

  @ExceptionHandler(MultipartException.class)
  ResponseEntity<Problem> notMultipart(MultipartException e) {
    return Problem.of(
        HttpStatus.BAD_REQUEST,
        "The request must be multipart/form-data with the parts 'file' and 'step'");
  }

  /**
   * A body beyond {@code spring.servlet.multipart} limits fails before any controller is chosen, so
   * this handler applies to every request ({@link UploadTooLargeHandler}).
   */
  @RestControllerAdvice
  public static class UploadTooLargeHandler {

    private final EvidenceService evidence;

    public UploadTooLargeHandler(EvidenceService evidence) {
      this.evidence = evidence;
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<Problem> tooLarge(MaxUploadSizeExceededException e) {
      return Problem.of(
          HttpStatus.PAYLOAD_TOO_LARGE,
          "The file is larger than the limit of " + evidence.maxSizeText());
    }
  }
}
