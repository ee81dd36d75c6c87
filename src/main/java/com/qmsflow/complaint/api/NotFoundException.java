package com.qmsflow.complaint.api;

/** The addressed complaint (or other resource) does not exist; answered with 404. */
public class NotFoundException extends RuntimeException {

  public NotFoundException(String message) {
    super(message);
  }
}
