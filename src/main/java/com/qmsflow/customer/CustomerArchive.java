package com.qmsflow.customer;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The customer archive's tables ({@code customer}, {@code customer_contact}, {@code
 * customer_revenue}, {@code customer_tier_change}) as the maintenance API, the import and the tier
 * recomputation read and write them. The complaint intake reads through {@link CustomerRepository}.
 */
@Repository
public class CustomerArchive {

  /**
   * A customer's master data (what the API and the import change); {@code salesRep} is the user id
   * of the sales rep who looks after the customer and gets its survey tasks (002 §4.5.2).
   */
  public record MasterData(
      String code, String name, String address, String phone, boolean active, String salesRep) {

    public MasterData withActive(boolean active) {
      return new MasterData(code, name, address, phone, active, salesRep);
    }

    public MasterData withSalesRep(String salesRep) {
      return new MasterData(code, name, address, phone, active, salesRep);
    }
  }

  /** A contact as stored. */
  public record Contact(long id, String name, String role, String phone, String email) {
    public ContactData data() {
      return new ContactData(name, role, phone, email);
    }
  }

  /** A contact's values without its id: what an import compares. */
  public record ContactData(String name, String role, String phone, String email) {}

  /** The tier a customer holds: from the rank in the revenue year, since when. */
  public record Tier(String tier, Integer rank, Integer year, Instant since) {}

  /** One row of the list. */
  public record Summary(
      String code,
      String name,
      String address,
      String phone,
      boolean active,
      String tier,
      Integer rank,
      Integer tierYear) {}

  /** One recorded change of tier. */
  public record TierChange(
      String customerCode,
      Integer year,
      String oldTier,
      String newTier,
      Integer oldRank,
      Integer newRank,
      Instant changedAt,
      String changedBy,
      String reason) {}

  /** A page of the list. */
  public record Page(List<Summary> items, int page, int size, long total) {}

  /** The sort fields of the list and their columns (a missing tier or rank sorts last). */
  static final Map<String, String> SORT_COLUMNS =
      Map.of(
          "code", "code",
          "name", "name",
          "tier", "coalesce(tier, 'Z')",
          "rank", "coalesce(tier_rank, 2147483647)",
          "active", "active");

  private final JdbcClient jdbc;
  private final JdbcTemplate template;

  public CustomerArchive(JdbcClient jdbc, JdbcTemplate template) {
    this.jdbc = jdbc;
    this.template = template;
  }

  // ---- reading ----------------------------------------------------------------------------------

  /**
   * Customers whose code or name contains {@code query} (ignoring case), of a tier, active or not;
   * sorted by the whitelisted field, then by code so that pages never overlap.
   */
  public Page search(
      String query,
      String tier,
      Boolean active,
      String sort,
      boolean descending,
      int page,
      int size) {
    StringBuilder where = new StringBuilder(" where 1 = 1");
    Map<String, Object> params = new LinkedHashMap<>();
    if (query != null && !query.isBlank()) {
      where.append(" and (lower(code) like :q escape '\\' or lower(name) like :q escape '\\')");
      params.put("q", "%" + likeEscape(query.trim().toLowerCase(Locale.ROOT)) + "%");
    }
    if (tier != null) {
      where.append(" and tier = :tier");
      params.put("tier", tier);
    }
    if (active != null) {
      where.append(" and active = :active");
      params.put("active", active);
    }
    String column = SORT_COLUMNS.get(sort);
    if (column == null) {
      throw new IllegalArgumentException("not a sort field: " + sort);
    }
    String direction = descending ? " desc" : " asc";
    String order =
        " order by " + column + direction + (column.equals("code") ? "" : ", code" + direction);
    long offset = (long) page * size;
    List<Summary> items =
        jdbc.sql(
                "select code, name, address, phone, active, tier, tier_rank, tier_year from"
                    + " customer"
                    + where
                    + order
                    + " limit :limit offset :offset")
            .params(params)
            .param("limit", size)
            .param("offset", offset)
            .query(
                (rs, i) ->
                    new Summary(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getBoolean(5),
                        rs.getString(6),
                        (Integer) rs.getObject(7, Integer.class),
                        (Integer) rs.getObject(8, Integer.class)))
            .list();
    // A page that is not full ends the list, so it tells the total: the count (a second scan of
    // every match) is needed only for full pages and for pages past the end.
    long total =
        items.size() < size && (page == 0 || !items.isEmpty())
            ? offset + items.size()
            : jdbc.sql("select count(*) from customer" + where)
                .params(params)
                .query(Long.class)
                .single();
    return new Page(items, page, size, total);
  }

  private static String likeEscape(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  public Optional<MasterData> find(String code) {
    return jdbc.sql(
            "select code, name, address, phone, active, sales_rep from customer where code = ?")
        .param(code)
        .query(
            (rs, i) ->
                new MasterData(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getBoolean(5),
                    rs.getString(6)))
        .optional();
  }

  /** Every customer's master data by code, in code order. */
  public Map<String, MasterData> all() {
    Map<String, MasterData> result = new LinkedHashMap<>();
    template.query(
        "select code, name, address, phone, active, sales_rep from customer order by code",
        rs -> {
          result.put(
              rs.getString(1),
              new MasterData(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getBoolean(5),
                  rs.getString(6)));
        });
    return result;
  }

  public Tier tier(String code) {
    return jdbc.sql("select tier, tier_rank, tier_year, tier_since from customer where code = ?")
        .param(code)
        .query(
            (rs, i) ->
                new Tier(
                    rs.getString(1),
                    rs.getObject(2, Integer.class),
                    rs.getObject(3, Integer.class),
                    instant(rs.getObject(4, OffsetDateTime.class))))
        .single();
  }

  /** Every customer's current tier by code. */
  public Map<String, Tier> tiers() {
    Map<String, Tier> result = new LinkedHashMap<>();
    template.query(
        "select code, tier, tier_rank, tier_year, tier_since from customer",
        rs -> {
          result.put(
              rs.getString(1),
              new Tier(
                  rs.getString(2),
                  rs.getObject(3, Integer.class),
                  rs.getObject(4, Integer.class),
                  instant(rs.getObject(5, OffsetDateTime.class))));
        });
    return result;
  }

  public List<Contact> contacts(String code) {
    return jdbc.sql(
            "select id, name, role, phone, email from customer_contact where customer_code = ?"
                + " order by id")
        .param(code)
        .query(
            (rs, i) ->
                new Contact(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5)))
        .list();
  }

  /** Every customer's contacts by customer code, each list in id order. */
  public Map<String, List<Contact>> allContacts() {
    Map<String, List<Contact>> result = new LinkedHashMap<>();
    template.query(
        "select customer_code, id, name, role, phone, email from customer_contact order by"
            + " customer_code, id",
        rs -> {
          result
              .computeIfAbsent(rs.getString(1), c -> new ArrayList<>())
              .add(
                  new Contact(
                      rs.getLong(2),
                      rs.getString(3),
                      rs.getString(4),
                      rs.getString(5),
                      rs.getString(6)));
        });
    return result;
  }

  public Optional<Contact> contact(String code, long id) {
    return contacts(code).stream().filter(c -> c.id() == id).findFirst();
  }

  /** Revenue per year of one customer, latest year first. */
  public Map<Integer, BigDecimal> revenue(String code) {
    Map<Integer, BigDecimal> result = new LinkedHashMap<>();
    jdbc.sql(
            "select revenue_year, revenue from customer_revenue where customer_code = ? order by"
                + " revenue_year desc")
        .param(code)
        .query(
            rs -> {
              result.put(rs.getInt(1), rs.getBigDecimal(2));
            });
    return result;
  }

  /** Every revenue figure, keyed by customer code and year. */
  public Map<String, Map<Integer, BigDecimal>> allRevenue() {
    Map<String, Map<Integer, BigDecimal>> result = new LinkedHashMap<>();
    template.query(
        "select customer_code, revenue_year, revenue from customer_revenue order by customer_code,"
            + " revenue_year",
        rs -> {
          result
              .computeIfAbsent(rs.getString(1), c -> new LinkedHashMap<>())
              .put(rs.getInt(2), rs.getBigDecimal(3));
        });
    return result;
  }

  public List<TierChange> tierHistory(String code) {
    return jdbc.sql(
            "select customer_code, revenue_year, old_tier, new_tier, old_rank, new_rank,"
                + " changed_at, changed_by, reason from customer_tier_change where customer_code ="
                + " ? order by changed_at desc, id desc")
        .param(code)
        .query(
            (rs, i) ->
                new TierChange(
                    rs.getString(1),
                    rs.getObject(2, Integer.class),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getObject(5, Integer.class),
                    rs.getObject(6, Integer.class),
                    instant(rs.getObject(7, OffsetDateTime.class)),
                    rs.getString(8),
                    rs.getString(9)))
        .list();
  }

  /** Complaints, change requests and survey answers that name the customer. */
  public int records(String code) {
    int total = 0;
    for (String table : List.of("complaint", "change_request")) {
      total +=
          jdbc.sql("select count(*) from " + table + " where customer_code = ?")
              .param(code)
              .query(Integer.class)
              .single();
    }
    return total;
  }

  // ---- writing ----------------------------------------------------------------------------------

  public void insert(MasterData customer) {
    jdbc.sql(
            "insert into customer (code, name, address, phone, active, sales_rep) values (?, ?,"
                + " ?, ?, ?, ?)")
        .params(
            customer.code(),
            customer.name(),
            customer.address(),
            customer.phone(),
            customer.active(),
            customer.salesRep())
        .update();
  }

  public void update(MasterData customer) {
    jdbc.sql(
            "update customer set name = ?, address = ?, phone = ?, active = ?, sales_rep = ? where"
                + " code = ?")
        .params(
            customer.name(),
            customer.address(),
            customer.phone(),
            customer.active(),
            customer.salesRep(),
            customer.code())
        .update();
  }

  /** Inserts or updates customers in batches (the import). */
  public void saveAll(List<MasterData> inserts, List<MasterData> updates) {
    template.batchUpdate(
        "insert into customer (code, name, address, phone, active, sales_rep) values (?, ?, ?, ?,"
            + " ?, ?)",
        inserts,
        500,
        (ps, c) -> {
          ps.setString(1, c.code());
          ps.setString(2, c.name());
          ps.setString(3, c.address());
          ps.setString(4, c.phone());
          ps.setBoolean(5, c.active());
          ps.setString(6, c.salesRep());
        });
    template.batchUpdate(
        "update customer set name = ?, address = ?, phone = ?, active = ?, sales_rep = ? where"
            + " code = ?",
        updates,
        500,
        (ps, c) -> {
          ps.setString(1, c.name());
          ps.setString(2, c.address());
          ps.setString(3, c.phone());
          ps.setBoolean(4, c.active());
          ps.setString(5, c.salesRep());
          ps.setString(6, c.code());
        });
  }

  /** Removes a customer without records, with its contacts, revenue and tier history. */
  public void delete(String code) {
    for (String table : List.of("customer_contact", "customer_revenue", "customer_tier_change")) {
      jdbc.sql("delete from " + table + " where customer_code = ?").param(code).update();
    }
    jdbc.sql("delete from customer where code = ?").param(code).update();
  }

  public long insertContact(String code, ContactData contact) {
    jdbc.sql(
            "insert into customer_contact (customer_code, name, role, phone, email) values (?, ?,"
                + " ?, ?, ?)")
        .params(code, contact.name(), contact.role(), contact.phone(), contact.email())
        .update();
    return jdbc.sql("select max(id) from customer_contact where customer_code = ?")
        .param(code)
        .query(Long.class)
        .single();
  }

  public void updateContact(long id, ContactData contact) {
    jdbc.sql("update customer_contact set name = ?, role = ?, phone = ?, email = ? where id = ?")
        .params(contact.name(), contact.role(), contact.phone(), contact.email(), id)
        .update();
  }

  public void deleteContact(long id) {
    jdbc.sql("delete from customer_contact where id = ?").param(id).update();
  }

  /** A contact to add to a customer (the import). */
  public record NewContact(String code, ContactData contact) {}

  /** A stored contact's new values (the import). */
  public record ContactUpdate(long id, ContactData contact) {}

  public void saveContacts(
      List<NewContact> inserts, List<ContactUpdate> updates, List<Long> deletes) {
    template.batchUpdate(
        "delete from customer_contact where id = ?", deletes, 500, (ps, id) -> ps.setLong(1, id));
    template.batchUpdate(
        "update customer_contact set name = ?, role = ?, phone = ?, email = ? where id = ?",
        updates,
        500,
        (ps, u) -> {
          ps.setString(1, u.contact().name());
          ps.setString(2, u.contact().role());
          ps.setString(3, u.contact().phone());
          ps.setString(4, u.contact().email());
          ps.setLong(5, u.id());
        });
    template.batchUpdate(
        "insert into customer_contact (customer_code, name, role, phone, email) values (?, ?, ?,"
            + " ?, ?)",
        inserts,
        500,
        (ps, n) -> {
          ps.setString(1, n.code());
          ps.setString(2, n.contact().name());
          ps.setString(3, n.contact().role());
          ps.setString(4, n.contact().phone());
          ps.setString(5, n.contact().email());
        });
  }

  /** One revenue figure. */
  public record Revenue(String code, int year, BigDecimal revenue) {}

  /** Inserts or replaces revenue figures in batches. */
  public void saveRevenue(List<Revenue> inserts, List<Revenue> updates) {
    template.batchUpdate(
        "insert into customer_revenue (customer_code, revenue_year, revenue) values (?, ?, ?)",
        inserts,
        500,
        (ps, r) -> {
          ps.setString(1, r.code());
          ps.setInt(2, r.year());
          ps.setBigDecimal(3, r.revenue());
        });
    template.batchUpdate(
        "update customer_revenue set revenue = ? where customer_code = ? and revenue_year = ?",
        updates,
        500,
        (ps, r) -> {
          ps.setBigDecimal(1, r.revenue());
          ps.setString(2, r.code());
          ps.setInt(3, r.year());
        });
  }

  public boolean deleteRevenue(String code, int year) {
    return jdbc.sql("delete from customer_revenue where customer_code = ? and revenue_year = ?")
            .params(code, year)
            .update()
        > 0;
  }

  /** Sets the tiers that changed and records each change. */
  public void saveTiers(Map<String, Tier> tiers, List<TierChange> changes) {
    template.batchUpdate(
        "update customer set tier = ?, tier_rank = ?, tier_year = ?, tier_since = ? where code = ?",
        new ArrayList<>(tiers.entrySet()),
        500,
        (ps, e) -> {
          Tier t = e.getValue();
          ps.setString(1, t.tier());
          ps.setObject(2, t.rank());
          ps.setObject(3, t.year());
          ps.setObject(
              4, t.since() == null ? null : OffsetDateTime.ofInstant(t.since(), ZoneOffset.UTC));
          ps.setString(5, e.getKey());
        });
    template.batchUpdate(
        "insert into customer_tier_change (customer_code, revenue_year, old_tier, new_tier,"
            + " old_rank, new_rank, changed_at, changed_by, reason) values (?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?)",
        changes,
        500,
        (ps, c) -> {
          ps.setString(1, c.customerCode());
          ps.setObject(2, c.year());
          ps.setString(3, c.oldTier());
          ps.setString(4, c.newTier());
          ps.setObject(5, c.oldRank());
          ps.setObject(6, c.newRank());
          ps.setObject(7, OffsetDateTime.ofInstant(c.changedAt(), ZoneOffset.UTC));
          ps.setString(8, c.changedBy());
          ps.setString(9, c.reason());
        });
  }

  private static Instant instant(Object value) {
    if (value instanceof OffsetDateTime odt) {
      return odt.toInstant();
    }
    if (value instanceof Timestamp ts) {
      return ts.toInstant();
    }
    return null;
  }
}
