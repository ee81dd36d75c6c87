package com.qmsflow.complaint.api;

/** The request does not fit the complaint's state now (answered with 409). */
public class ConflictException extends RuntimeException {

  public ConflictException(String message) {
    super(message);
  }
}
