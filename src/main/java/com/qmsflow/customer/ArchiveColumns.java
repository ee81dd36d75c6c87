package com.qmsflow.customer;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The columns of the two archive files (docs/customers.md "Import and export"): their Chinese and
 * English headers, which the import accepts in either language (ignoring case, blanks and
 * full-width brackets) and the export and templates write in the caller's language.
 */
final class ArchiveColumns {

  /** The two files. */
  enum Kind {
    CUSTOMERS("customers"),
    REVENUE("revenue");

    final String id;

    Kind(String id) {
      this.id = id;
    }
  }

  /**
   * One column: its field ({@code code}, {@code contact2.email} …), its headers, whether a file of
   * its kind must have it.
   */
  record Column(String field, String zh, String en, boolean required, List<String> aliases) {
    String header(Locale locale) {
      return "zh".equals(locale.getLanguage()) ? zh : en;
    }

    /** Both headers, for messages: "客户代码 / Customer code". */
    String both() {
      return zh + " / " + en;
    }
  }

  static final Column CODE =
      new Column("code", "客户代码", "Customer code", true, List.of("客户编码", "客户编号", "code"));
  static final Column NAME =
      new Column("name", "客户名称", "Customer name", true, List.of("客户名", "name"));
  static final Column ADDRESS = new Column("address", "地址", "Address", false, List.of("客户地址"));
  static final Column PHONE =
      new Column("phone", "电话", "Phone", false, List.of("联系电话", "telephone"));
  static final Column ACTIVE = new Column("active", "启用", "Active", false, List.of("状态"));
  static final Column SALES_REP =
      new Column("salesRep", "销售代表", "Sales rep", false, List.of("业务员", "salesRep"));

  static final Column REVENUE_NAME =
      new Column("name", "客户名称", "Customer name", false, List.of("客户名", "name"));
  static final Column YEAR = new Column("year", "年度", "Year", true, List.of("年份"));
  static final Column REVENUE =
      new Column("revenue", "营业额（元）", "Revenue (CNY)", true, List.of("营业额", "revenue"));

  /** The contact fields of a group, in column order. */
  static final List<String> CONTACT_FIELDS = List.of("name", "role", "phone", "email");

  private static final Pattern CONTACT_ZH = Pattern.compile("^联系人(\\d{1,2})(姓名|职务|电话|邮箱)?$");
  private static final Pattern CONTACT_EN =
      Pattern.compile("^contact(\\d{1,2})(name|role|phone|email)?$");

  /** Contact groups the template offers; the import and export take as many as needed. */
  static final int TEMPLATE_CONTACTS = 3;

  private ArchiveColumns() {}

  /** The contact column {@code n} (1-based) of a field. */
  static Column contact(int n, String field) {
    String zh =
        switch (field) {
          case "name" -> "姓名";
          case "role" -> "职务";
          case "phone" -> "电话";
          default -> "邮箱";
        };
    String en = Character.toUpperCase(field.charAt(0)) + field.substring(1);
    return new Column(
        "contact" + n + "." + field, "联系人" + n + zh, "Contact " + n + " " + en, false, List.of());
  }

  /** The columns of a file of this kind, with {@code contacts} contact groups. */
  static List<Column> columns(Kind kind, int contacts) {
    List<Column> columns = new ArrayList<>();
    if (kind == Kind.REVENUE) {
      columns.addAll(List.of(CODE, REVENUE_NAME, YEAR, REVENUE));
      return columns;
    }
    columns.addAll(List.of(CODE, NAME, ADDRESS, PHONE, ACTIVE, SALES_REP));
    for (int n = 1; n <= contacts; n++) {
      for (String field : CONTACT_FIELDS) {
        columns.add(contact(n, field));
      }
    }
    return columns;
  }

  /** The column a header names in a file of this kind. */
  static Optional<Column> match(Kind kind, String header) {
    String key = normalise(header);
    if (key.isEmpty()) {
      return Optional.empty();
    }
    for (Column column : columns(kind, 0)) {
      if (key.equals(normalise(column.zh()))
          || key.equals(normalise(column.en()))
          || column.aliases().stream().anyMatch(a -> key.equals(normalise(a)))) {
        return Optional.of(column);
      }
    }
    if (kind == Kind.CUSTOMERS) {
      for (Pattern pattern : List.of(CONTACT_ZH, CONTACT_EN)) {
        Matcher m = pattern.matcher(key);
        if (m.matches()) {
          int n = Integer.parseInt(m.group(1));
          String field = m.group(2) == null ? "name" : english(m.group(2));
          if (n >= 1 && n <= 50) {
            return Optional.of(contact(n, field));
          }
        }
      }
    }
    return Optional.empty();
  }

  private static String english(String field) {
    return switch (field) {
      case "姓名" -> "name";
      case "职务" -> "role";
      case "电话" -> "phone";
      case "邮箱" -> "email";
      default -> field;
    };
  }

  /** Lower case, no blanks, half-width brackets, no BOM: "营业额 (元)" = "营业额（元）". */
  static String normalise(String header) {
    if (header == null) {
      return "";
    }
    String text = Normalizer.normalize(header, Normalizer.Form.NFKC);
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isWhitespace(c) && c != '\uFEFF' && c != '\u00A0' && c != '_' && c != '-') {
        s.append(Character.toLowerCase(c));
      }
    }
    return s.toString();
  }
}
