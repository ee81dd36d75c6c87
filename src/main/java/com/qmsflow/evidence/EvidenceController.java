package com.qmsflow.evidence;

import com.qmsflow.access.Reader;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Evidence files for Tasklist's upload page and other systems.
 *
 * <ul>
 *   <li>{@code POST /api/complaints/{number}/attachments} and {@code
 *       /api/corrective-actions/{number}/attachments}: multipart with {@code file} and {@code step}
 *       (the task definition key of the open task, or {@code intake} for a complaint); {@code 201}
 *       with the file's metadata.
 *   <li>{@code GET …/attachments}: the metadata of the owner's files (for a complaint also its
 *       8D's).
 *   <li>{@code GET /api/attachments/{id}}: metadata; {@code GET /api/attachments/{id}/content}:
 *       download.
 *   <li>{@code DELETE /api/attachments/{id}}: removal while the step is open, {@code 204}.
 * </ul>
 *
 * Refusals: {@code 400} missing or empty file or step, {@code 401} not authenticated, {@code 403}
 * not allowed, {@code 404} unknown owner or file, {@code 409} no open step, {@code 413} too large,
 * {@code 415} type not allowed or name lying about it; body {@code {"status", "error", "message"}}.
 */
@RestController
public class EvidenceController {

  private final EvidenceService evidence;
  private final EvidenceAccess access;

  public EvidenceController(EvidenceService evidence, EvidenceAccess access) {
    this.evidence = evidence;
    this.access = access;
  }

  @PostMapping(
      value = "/api/complaints/{number}/attachments",
      consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  public ResponseEntity<AttachmentView> uploadToComplaint(
      @PathVariable String number,
      @RequestParam(value = "step", required = false) String step,
      @RequestParam(value = "file", required = false) MultipartFile file)
      throws IOException {
    return upload(OwnerKind.COMPLAINT, number, step, file);
  }

  @PostMapping(
      value = "/api/corrective-actions/{number}/attachments",
      consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  public ResponseEntity<AttachmentView> uploadToCorrectiveAction(
      @PathVariable String number,
      @RequestParam(value = "step", required = false) String step,
      @RequestParam(value = "file", required = false) MultipartFile file)
      throws IOException {
    return upload(OwnerKind.CORRECTIVE_ACTION, number, step, file);
  }

  @GetMapping(
      value = "/api/complaints/{number}/attachments",
      produces = MediaType.APPLICATION_JSON_VALUE)
  public List<AttachmentView> listOfComplaint(@PathVariable String number) {
    return evidence.list(caller(), OwnerKind.COMPLAINT, number).stream()
        .map(AttachmentView::of)
        .toList();
  }

  @GetMapping(
      value = "/api/corrective-actions/{number}/attachments",
      produces = MediaType.APPLICATION_JSON_VALUE)
  public List<AttachmentView> listOfCorrectiveAction(@PathVariable String number) {
    return evidence.list(caller(), OwnerKind.CORRECTIVE_ACTION, number).stream()
        .map(AttachmentView::of)
        .toList();
  }

  @GetMapping(value = "/api/attachments/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  public AttachmentView metadata(@PathVariable long id) {
    return AttachmentView.of(evidence.find(caller(), id));
  }

  @GetMapping("/api/attachments/{id}/content")
  public ResponseEntity<byte[]> content(@PathVariable long id) {
    EvidenceService.Download download = evidence.download(caller(), id);
    Attachment a = download.attachment();
    return ResponseEntity.ok()
        .header(HttpHeaders.CONTENT_TYPE, a.contentType())
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename(a.originalName(), StandardCharsets.UTF_8)
                .build()
                .toString())
        .header("X-Content-Type-Options", "nosniff")
        .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
        .header("Content-Security-Policy", "default-src 'none'; sandbox")
        .header(HttpHeaders.ETAG, "\"" + a.sha256() + "\"")
        .body(download.content());
  }

  @DeleteMapping("/api/attachments/{id}")
  public ResponseEntity<Void> remove(@PathVariable long id) {
    evidence.remove(caller(), id);
    return ResponseEntity.noContent().build();
  }

  private ResponseEntity<AttachmentView> upload(
      OwnerKind kind, String number, String step, MultipartFile file) throws IOException {
    Reader caller = caller();
    byte[] content = file == null ? null : file.getBytes();
    Attachment stored =
        evidence.upload(
            caller, kind, number, step, file == null ? null : file.getOriginalFilename(), content);
    return ResponseEntity.created(URI.create(stored.downloadUrl())).body(AttachmentView.of(stored));
  }

  /** The authentication filter answers 401 before; this guards a deployment without it. */
  private Reader caller() {
    return access
        .caller()
        .orElseThrow(() -> new EvidenceException(HttpStatus.UNAUTHORIZED, "evidence.logIn"));
  }
}
