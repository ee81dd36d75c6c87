package com.qmsflow.customer;

import com.qmsflow.identity.Groups;
import com.qmsflow.web.ForbiddenException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;

/**
 * Who may do what with the customer archive (002 §4.6; issue 15): customer service and sales
 * management maintain it, sales, quality and management read it, revenue figures are confidential
 * to sales management, the general manager and administrators; everyone else sees nothing.
 * security/WritePolicy admits the writes at the door with the same groups.
 */
public final class CustomerAccess {

  private static final String ADMIN = Groups.CAMUNDA_ADMIN;

  /** Create, change, deactivate customers and their contacts; import the customer file. */
  public static final List<String> EDITORS =
      List.of(Groups.CUSTOMER_SERVICE, Groups.SALES_MANAGEMENT, ADMIN);

  /** Read the archive (without revenue amounts unless also in {@link #REVENUE_READERS}). */
  public static final List<String> READERS =
      List.of(
          Groups.CUSTOMER_SERVICE,
          Groups.SALES_MANAGEMENT,
          Groups.SALES,
          Groups.QUALITY,
          Groups.QUALITY_MANAGEMENT,
          Groups.GENERAL_MANAGER,
          ADMIN);

  /** See revenue amounts (confidential). */
  public static final List<String> REVENUE_READERS =
      List.of(Groups.SALES_MANAGEMENT, Groups.GENERAL_MANAGER, ADMIN);

  /** Change revenue (edit or import): those who see it and own the figures. */
  public static final List<String> REVENUE_EDITORS = List.of(Groups.SALES_MANAGEMENT, ADMIN);

  private CustomerAccess() {}

  static boolean any(HttpServletRequest request, List<String> groups) {
    return groups.stream().anyMatch(request::isUserInRole);
  }

  /** Refuses with 403 unless the user is in one of the groups; {@code key} names what. */
  static void require(HttpServletRequest request, List<String> groups, String key) {
    if (!any(request, groups)) {
      throw new ForbiddenException(key, request.getRemoteUser(), String.join(", ", groups));
    }
  }

  static void requireReader(HttpServletRequest request) {
    require(request, READERS, "customer.forbidden.read");
  }

  static void requireEditor(HttpServletRequest request) {
    require(request, EDITORS, "customer.forbidden.change");
  }

  static void requireRevenueEditor(HttpServletRequest request) {
    require(request, REVENUE_EDITORS, "customer.forbidden.revenue");
  }

  static boolean seesRevenue(HttpServletRequest request) {
    return any(request, REVENUE_READERS);
  }
}
