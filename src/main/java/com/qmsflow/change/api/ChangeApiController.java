package com.qmsflow.change.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.qmsflow.change.api.ChangeApiService.Registration;
import com.qmsflow.web.NotFoundException;
import java.net.URI;
import org.springframework.dao.DataIntegrityViolationException;
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
 * Contract and order change intake for customer portals.
 *
 * <ul>
 *   <li>{@code POST /api/changes}: {@code 201 Created} with {@code {changeNumber,
 *       processInstanceId}} and {@code Location: /api/changes/{number}}; {@code 200 OK} with the
 *       same body for a change already registered under the request's {@code externalReference};
 *       {@code 400 {"errors":[{field, message}]}} when the body breaks a rule of the change-request
 *       start form or is not well-typed JSON (nothing is started); {@code 403} when the caller may
 *       not start changes.
 *   <li>{@code GET /api/changes/{changeNumber}}: state, reviews, implementation records and open
 *       tasks; {@code 404} when unknown or not readable by the caller (change records are
 *       confidential).
 * </ul>
 */
@RestController
@RequestMapping("/api/changes")
public class ChangeApiController {

  public record Created(String changeNumber, String processInstanceId) {}

  private final ChangeApiService changes;

  public ChangeApiController(ChangeApiService changes) {
    this.changes = changes;
  }

  @PostMapping(
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<Created> create(@RequestBody JsonNode body) {
    ChangeRequestBody request = ChangeRequestBody.parse(body);
    Registration registration;
    try {
      registration = changes.submit(request);
    } catch (DataIntegrityViolationException | org.camunda.bpm.engine.ProcessEngineException e) {
      // a concurrent request with the same external reference won the unique constraint
      String externalReference = request.externalReference();
      if (externalReference == null || e instanceof org.camunda.bpm.engine.AuthorizationException) {
        throw e;
      }
      registration = changes.findByExternalReference(externalReference).orElseThrow(() -> e);
    }
    return ResponseEntity.status(registration.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .location(URI.create("/api/changes/" + registration.changeNumber()))
        .body(new Created(registration.changeNumber(), registration.processInstanceId()));
  }

  @GetMapping(value = "/{changeNumber}", produces = MediaType.APPLICATION_JSON_VALUE)
  public ChangeView get(@PathVariable("changeNumber") String changeNumber) {
    return changes
        .find(changeNumber)
        .orElseThrow(() -> new NotFoundException("change.notFound", changeNumber));
  }
}
