package com.qmsflow.customer;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class CustomerRepository {

  private final JdbcClient jdbc;

  public CustomerRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<Customer> findByCode(String code) {
    return jdbc.sql("select code, name, address from customer where code = ?")
        .param(code)
        .query((rs, i) -> new Customer(rs.getString(1), rs.getString(2), rs.getString(3)))
        .optional();
  }

  /** Whether the customer may receive new complaints; empty for an unknown code. */
  public Optional<Boolean> isActive(String code) {
    return jdbc.sql("select active from customer where code = ?")
        .param(code)
        .query(Boolean.class)
        .optional();
  }

  /** The latest year before {@code beforeYear} for which any revenue is recorded. */
  public OptionalInt latestRevenueYearBefore(int beforeYear) {
    Integer year =
        jdbc.sql("select max(revenue_year) from customer_revenue where revenue_year < ?")
            .param(beforeYear)
            .query(Integer.class)
            .single();
    return year == null ? OptionalInt.empty() : OptionalInt.of(year);
  }

  /**
   * Customer codes ordered by revenue of the year, largest first; equal revenue is ordered by
   * customer code so the ranking never depends on the database's row order.
   */
  public List<String> codesByRevenue(int year) {
    return jdbc.sql(
            """
            select customer_code from customer_revenue
            where revenue_year = ? and revenue > 0
            order by revenue desc, customer_code asc\
            """)
        .param(year)
        .query(String.class)
        .list();
  }

  /** A contact person of a customer with an e-mail address. */
  public record MailContact(String name, String email) {}

  /**
   * The contact to write to: the archived contact with this name (ignoring case and surrounding
   * blanks) if it has an e-mail address, otherwise the customer's first contact with one.
   */
  public Optional<MailContact> mailContact(String code, String contactName) {
    List<MailContact> withMail =
        jdbc.sql(
                """
                select name, email from customer_contact
                where customer_code = ? and email is not null and trim(email) <> '' order by id\
                """)
            .param(code)
            .query((rs, i) -> new MailContact(rs.getString(1), rs.getString(2).trim()))
            .list();
    String wanted = contactName == null ? "" : contactName.trim();
    return withMail.stream()
        .filter(c -> c.name().trim().equalsIgnoreCase(wanted))
        .findFirst()
        .or(() -> withMail.stream().findFirst());
  }

  public Optional<String> primaryContactName(String code) {
    return jdbc
        .sql("select name from customer_contact where customer_code = ? order by id")
        .param(code)
        .query(String.class)
        .list()
        .stream()
        .findFirst();
  }
}
