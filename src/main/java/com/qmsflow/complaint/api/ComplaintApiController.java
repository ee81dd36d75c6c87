package com.qmsflow.complaint.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.qmsflow.complaint.api.ComplaintApiService.Registration;
import com.qmsflow.web.NotFoundException;
import java.net.URI;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Complaint intake for other systems (CRM, portal, mail gateway).
 *
 * <ul>
 *   <li>{@code POST /api/complaints}: {@code 201 Created} with {@code {complaintNumber,
 *       processInstanceId}} and {@code Location: /api/complaints/{number}}; {@code 200 OK} with the
 *       same body for a complaint already registered under the request's {@code externalReference}
 *       (nothing new is started); {@code 400 {"errors":[{field, message}]}} when the body breaks a
 *       rule of the register-complaint start form or is not well-typed JSON (nothing is started).
 *   <li>{@code GET /api/complaints/{complaintNumber}}: the complaint's state, open tasks and
 *       escalations; {@code 404 {"message"}} when unknown.
 * </ul>
 */
@RestController
@RequestMapping("/api/complaints")
public class ComplaintApiController {

  /** Answer body of {@code POST /api/complaints}. */
  public record Created(String complaintNumber, String processInstanceId) {}

  private final ComplaintApiService intake;
  private final ComplaintQueryService query;

  public ComplaintApiController(ComplaintApiService intake, ComplaintQueryService query) {
    this.intake = intake;
    this.query = query;
  }

  @PostMapping(
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<Created> create(@RequestBody JsonNode body) {
    ComplaintRequest request = ComplaintRequest.parse(body);
    Registration registration;
    try {
      registration = intake.submit(request);
    } catch (DuplicateKeyException e) {
      // a concurrent request with the same external reference won the unique constraint
      String externalReference = request.externalReference();
      if (externalReference == null) {
        throw e;
      }
      registration = intake.awaitExisting(externalReference).orElseThrow(() -> e);
    }
    return ResponseEntity.status(registration.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .location(URI.create("/api/complaints/" + registration.complaintNumber()))
        .body(new Created(registration.complaintNumber(), registration.processInstanceId()));
  }

  @GetMapping(value = "/{complaintNumber}", produces = MediaType.APPLICATION_JSON_VALUE)
  public ComplaintView get(@PathVariable("complaintNumber") String complaintNumber) {
    return query
        .find(complaintNumber)
        .orElseThrow(() -> new NotFoundException("complaint.notFound", complaintNumber));
  }
}
