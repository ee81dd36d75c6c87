package com.qmsflow.mailintake;

import com.qmsflow.evidence.FileNames;
import com.qmsflow.evidence.FileType;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Reads a mail of the complaint mailbox into what is stored: sender, subject (RFC 2047 decoded),
 * the text (in the charset the mail declares, e.g. GBK; HTML only when there is no plain text, as
 * text) and the files, each checked as an evidence upload is: at most the size limit, a type
 * recognised from the content, a name that fits it. A refused file is kept as a record of its name,
 * size and reason, without its content. No database, no server: a unit test reaches it.
 */
public final class InboundMails {

  /** The longest text kept of a mail's body (the column's size). */
  static final int MAX_BODY = 100_000;

  /** Why a file was refused: {@code code} for the page's text, {@code detail} in English. */
  public enum Refusal {
    TOO_LARGE,
    TYPE,
    NAME
  }

  /** A file of a mail; content is null when it was refused. */
  public record File(
      String name,
      String contentType,
      long size,
      String sha256,
      byte[] content,
      Refusal refusal,
      String refusalDetail) {

    public boolean accepted() {
      return refusal == null;
    }
  }

  /** A mail as stored. */
  public record Parsed(
      String messageId,
      String fromAddress,
      String fromName,
      String subject,
      String body,
      Instant sentAt,
      List<File> files) {}

  private InboundMails() {}

  /** The mail's Message-ID header, or a digest of the whole message when it has none. */
  public static String messageId(Message message) throws MessagingException, IOException {
    String[] ids = message.getHeader("Message-ID");
    if (ids != null && ids.length > 0 && !ids[0].isBlank()) {
      String id = ids[0].trim();
      return id.length() > 500 ? id.substring(0, 500) : id;
    }
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    message.writeTo(raw);
    return "<" + sha256(raw.toByteArray()) + "@no-message-id.qms>";
  }

  public static Parsed parse(Message message, long maxFileBytes)
      throws MessagingException, IOException {
    String fromAddress = null;
    String fromName = null;
    Address[] from = message.getFrom();
    if (from != null && from.length > 0) {
      if (from[0] instanceof InternetAddress a) {
        fromAddress = limit(a.getAddress(), 300);
        fromName = limit(a.getPersonal(), 200);
      } else {
        fromAddress = limit(from[0].toString(), 300);
      }
    }
    String subject = message.getSubject();
    StringBuilder text = new StringBuilder();
    StringBuilder html = new StringBuilder();
    List<File> files = new ArrayList<>();
    walk(message, text, html, files, maxFileBytes);
    String body = text.length() > 0 ? text.toString() : htmlAsText(html.toString());
    if (body.length() > MAX_BODY) {
      body = body.substring(0, MAX_BODY - 40) + "\n[… text shortened / 正文过长已截断]";
    }
    Instant sentAt =
        message.getSentDate() != null
            ? message.getSentDate().toInstant()
            : message.getReceivedDate() != null ? message.getReceivedDate().toInstant() : null;
    return new Parsed(
        messageId(message),
        fromAddress,
        fromName,
        limit(subject == null ? "" : subject.strip(), 1000),
        body.strip(),
        sentAt,
        files);
  }

  private static void walk(
      Part part, StringBuilder text, StringBuilder html, List<File> files, long maxFileBytes)
      throws MessagingException, IOException {
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      boolean alternative = part.isMimeType("multipart/alternative");
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart child = multipart.getBodyPart(i);
        if (alternative && text.length() > 0 && child.isMimeType("text/html")) {
          continue;
        }
        walk(child, text, html, files, maxFileBytes);
      }
      return;
    }
    String fileName = fileName(part);
    boolean attachment =
        Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || fileName != null;
    if (!attachment && part.isMimeType("text/plain")) {
      append(text, decodeText(part));
    } else if (!attachment && part.isMimeType("text/html")) {
      append(html, decodeText(part));
    } else {
      files.add(file(part, fileName, files.size() + 1, maxFileBytes));
    }
  }

  private static void append(StringBuilder to, String text) {
    if (to.length() > 0) {
      to.append("\n\n");
    }
    to.append(text);
  }

  /** The text in the charset the part declares; an unknown charset is read as UTF-8. */
  private static String decodeText(Part part) throws MessagingException, IOException {
    try {
      Object content = part.getContent();
      if (content instanceof String s) {
        return s;
      }
    } catch (UnsupportedEncodingException e) {
      // an unknown charset name: read the bytes below
    }
    byte[] bytes;
    try (InputStream in = part.getInputStream()) {
      bytes = in.readAllBytes();
    }
    return new String(bytes, charsetOf(part));
  }

  private static Charset charsetOf(Part part) {
    try {
      String name = new ContentType(part.getContentType()).getParameter("charset");
      return name == null ? StandardCharsets.UTF_8 : Charset.forName(MimeUtility.javaCharset(name));
    } catch (RuntimeException | MessagingException e) {
      return StandardCharsets.UTF_8;
    }
  }

  private static String fileName(Part part) throws MessagingException {
    String name = part.getFileName();
    if (name == null) {
      return null;
    }
    try {
      return MimeUtility.decodeText(name);
    } catch (UnsupportedEncodingException e) {
      return name;
    }
  }

  private static File file(Part part, String fileName, int position, long maxFileBytes)
      throws MessagingException, IOException {
    String name =
        FileNames.sanitise(
            fileName != null ? fileName : "attachment-" + position + extension(part));
    byte[] content;
    try (InputStream in = part.getInputStream()) {
      content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxFileBytes + 1));
      if (content.length > maxFileBytes) {
        long size = content.length + drain(in);
        return new File(
            name,
            null,
            size,
            null,
            null,
            Refusal.TOO_LARGE,
            "larger than " + maxFileBytes + " bytes");
      }
    }
    if (content.length == 0) {
      return new File(name, null, 0, null, null, Refusal.TYPE, "the file is empty");
    }
    FileType.Detection detection = FileType.detect(content);
    if (detection instanceof FileType.Refused refused) {
      return new File(
          name, null, content.length, sha256(content), null, Refusal.TYPE, refused.reason());
    }
    FileType type = ((FileType.Allowed) detection).type();
    if (!type.fitsName(name)) {
      return new File(
          name,
          null,
          content.length,
          sha256(content),
          null,
          Refusal.NAME,
          "the content is a "
              + type.label()
              + "; its name must end in ."
              + String.join(" / .", type.extensions()));
    }
    return new File(name, type.contentType(), content.length, sha256(content), content, null, null);
  }

  private static long drain(InputStream in) throws IOException {
    long skipped = 0;
    byte[] buffer = new byte[64 * 1024];
    int n;
    while ((n = in.read(buffer)) > 0) {
      skipped += n;
    }
    return skipped;
  }

  private static String extension(Part part) throws MessagingException {
    String type =
        part.getContentType() == null ? "" : part.getContentType().toLowerCase(Locale.ROOT);
    if (type.startsWith("image/jpeg")) {
      return ".jpg";
    }
    if (type.startsWith("image/png")) {
      return ".png";
    }
    if (type.startsWith("application/pdf")) {
      return ".pdf";
    }
    return ".bin";
  }

  /** HTML shown as text: no tags, no scripts or styles, entities of the common kind resolved. */
  static String htmlAsText(String html) {
    return html.replaceAll("(?is)<(script|style)[^>]*>.*?</\\1>", "")
        .replaceAll("(?i)<br\\s*/?>|</p>|</div>|</tr>", "\n")
        .replaceAll("<[^>]*>", "")
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
        .replaceAll("[ \\t]+\\n", "\n")
        .replaceAll("\\n{3,}", "\n\n");
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  private static String limit(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
