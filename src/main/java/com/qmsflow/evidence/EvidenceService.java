package com.qmsflow.evidence;

import com.qmsflow.access.Reader;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.unit.DataSize;

/**
 * Upload, list, download and removal of evidence files, with the checks of issue 8: the owner
 * exists, the caller may see it ({@link EvidenceAccess}), an upload goes to an open task of the
 * owner's process (or {@code intake} of an open complaint), the size limit, the type detected from
 * the content and a name that does not lie about it.
 */
@Service
public class EvidenceService {

  /** Step of files sent with a complaint by another system, outside any task. */
  public static final String INTAKE = "intake";

  /** The complaint or 8D report files belong to, with its process instance. */
  public record Owner(OwnerKind kind, String number, String processInstanceId) {}

  /** A file's metadata and content. */
  public record Download(Attachment attachment, byte[] content) {}

  private final AttachmentRepository attachments;
  private final Map<OwnerKind, OwnerRecords> owners = new EnumMap<>(OwnerKind.class);
  private final EvidenceAccess access;
  private final TaskService taskService;
  private final RuntimeService runtimeService;
  private final Clock clock;
  private final DataSize maxSize;

  public EvidenceService(
      AttachmentRepository attachments,
      List<OwnerRecords> ownerRecords,
      EvidenceAccess access,
      TaskService taskService,
      RuntimeService runtimeService,
      Clock clock,
      @Value("${qms.attachments.max-size:20MB}") DataSize maxSize) {
    this.attachments = attachments;
    ownerRecords.forEach(records -> owners.put(records.kind(), records));
    this.access = access;
    this.taskService = taskService;
    this.runtimeService = runtimeService;
    this.clock = clock;
    this.maxSize = maxSize;
  }

  public DataSize maxSize() {
    return maxSize;
  }

  /** The limit as people read it: "20971520 bytes (20 MB)". */
  public String maxSizeText() {
    long bytes = maxSize.toBytes();
    String readable =
        bytes % (1024 * 1024) == 0
            ? bytes / (1024 * 1024) + " MB"
            : bytes % 1024 == 0 ? bytes / 1024 + " KB" : bytes + " bytes";
    return bytes + " bytes (" + readable + ")";
  }

  public Owner owner(OwnerKind kind, String number) {
    Optional<Owner> owner =
        owners.get(kind).find(number).map(r -> new Owner(kind, number, r.processInstanceId()));
    return owner.orElseThrow(
        () ->
            new EvidenceException(
                HttpStatus.NOT_FOUND,
                kind == OwnerKind.COMPLAINT
                    ? "evidence.noComplaint"
                    : "evidence.noCorrectiveAction",
                number));
  }

  public boolean maySee(Reader caller, Owner owner) {
    return owner.kind() == OwnerKind.COMPLAINT
        ? access.maySeeComplaint(caller, owner.number())
        : access.maySeeCorrectiveAction(caller, owner.number());
  }

  private Owner visibleOwner(Reader caller, OwnerKind kind, String number) {
    Owner owner = owner(kind, number);
    if (!maySee(caller, owner)) {
      throw new EvidenceException(HttpStatus.FORBIDDEN, "evidence.maySee", caller.userId(), number);
    }
    return owner;
  }

  /**
   * The owner's files; for a complaint also the files of the 8D reports it raised (each file names
   * its owner), since they are the evidence of its written reply.
   */
  @Transactional(readOnly = true)
  public List<Attachment> list(Reader caller, OwnerKind kind, String number) {
    visibleOwner(caller, kind, number);
    return kind == OwnerKind.COMPLAINT
        ? attachments.findByComplaintWithItsEightD(number)
        : attachments.findByOwner(kind, number);
  }

  @Transactional
  public Attachment upload(
      Reader caller,
      OwnerKind kind,
      String number,
      String requestedStep,
      String fileName,
      byte[] content) {
    String step = requestedStep == null ? null : requestedStep.trim();
    Owner owner = visibleOwner(caller, kind, number);
    if (step == null || step.isEmpty()) {
      throw new EvidenceException(HttpStatus.BAD_REQUEST, "evidence.stepMissing");
    }
    String taskId = null;
    if (INTAKE.equals(step) && kind == OwnerKind.COMPLAINT) {
      if (!running(owner.processInstanceId())) {
        throw new EvidenceException(HttpStatus.CONFLICT, "evidence.complaintClosed", number);
      }
    } else {
      Task task =
          openTask(owner, step)
              .orElseThrow(
                  () ->
                      new EvidenceException(
                          HttpStatus.CONFLICT, "evidence.noOpenTask", number, step));
      if (!access.mayWorkOn(caller, task)) {
        throw new EvidenceException(
            HttpStatus.FORBIDDEN, "evidence.mayNotWork", caller.userId(), task.getName(), number);
      }
      taskId = task.getId();
    }
    if (content == null || content.length == 0) {
      throw new EvidenceException(HttpStatus.BAD_REQUEST, "evidence.fileMissing");
    }
    if (content.length > maxSize.toBytes()) {
      throw new EvidenceException(
          HttpStatus.PAYLOAD_TOO_LARGE,
          "evidence.fileTooLarge",
          String.valueOf(content.length),
          maxSizeText());
    }
    String name = FileNames.sanitise(fileName);
    FileType.Detection detection = FileType.detect(content);
    if (detection instanceof FileType.Refused refused) {
      throw new EvidenceException(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE, "evidence.fileRefused", name, refused.reason());
    }
    FileType type = ((FileType.Allowed) detection).type();
    if (!type.fitsName(name)) {
      throw new EvidenceException(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          "evidence.fileNameMismatch",
          name,
          type.label(),
          "." + String.join(" / .", type.extensions()));
    }
    return attachments.insert(
        kind,
        number,
        step,
        taskId,
        caller.userId(),
        clock.instant(),
        name,
        type.contentType(),
        sha256(content),
        content);
  }

  @Transactional(readOnly = true)
  public Download download(Reader caller, long id) {
    Attachment attachment = visible(caller, id);
    byte[] content = attachments.content(id).orElseThrow(() -> notFound(id));
    return new Download(attachment, content);
  }

  @Transactional(readOnly = true)
  public Attachment find(Reader caller, long id) {
    return visible(caller, id);
  }

  @Transactional
  public void remove(Reader caller, long id) {
    Attachment attachment = visible(caller, id);
    Owner owner = owner(attachment.ownerKind(), attachment.ownerNumber());
    Task task = null;
    if (attachment.taskId() != null) {
      task =
          access.asSystem(
              () -> taskService.createTaskQuery().taskId(attachment.taskId()).singleResult());
      if (task == null) {
        throw new EvidenceException(
            HttpStatus.CONFLICT,
            "evidence.stepCompleted",
            attachment.originalName(),
            attachment.step());
      }
    } else if (!running(owner.processInstanceId())) {
      throw new EvidenceException(
          HttpStatus.CONFLICT, "evidence.complaintClosedKept", attachment.originalName());
    }
    if (!access.mayRemove(caller, attachment, task)) {
      throw new EvidenceException(
          HttpStatus.FORBIDDEN,
          "evidence.mayNotRemove",
          attachment.uploadedBy(),
          attachment.originalName());
    }
    attachments.delete(id);
  }

  /** Files uploaded on the given task (the required-evidence rules count them). */
  public int countForTask(String taskId) {
    return attachments.countByTask(taskId);
  }

  private Attachment visible(Reader caller, long id) {
    Attachment attachment = attachments.find(id).orElseThrow(() -> notFound(id));
    Owner owner = owner(attachment.ownerKind(), attachment.ownerNumber());
    if (!maySee(caller, owner)) {
      throw new EvidenceException(
          HttpStatus.FORBIDDEN, "evidence.maySee", caller.userId(), owner.number());
    }
    return attachment;
  }

  private static EvidenceException notFound(long id) {
    return new EvidenceException(HttpStatus.NOT_FOUND, "evidence.noFile", String.valueOf(id));
  }

  private Optional<Task> openTask(Owner owner, String step) {
    if (owner.processInstanceId() == null) {
      return Optional.empty();
    }
    return access.asSystem(
        () ->
            taskService
                .createTaskQuery()
                .processInstanceId(owner.processInstanceId())
                .taskDefinitionKey(step)
                .active()
                .list()
                .stream()
                .findFirst());
  }

  private boolean running(String processInstanceId) {
    return processInstanceId != null
        && access.asSystem(
                () ->
                    runtimeService
                        .createProcessInstanceQuery()
                        .processInstanceId(processInstanceId)
                        .count())
            == 1;
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
