package com.qmsflow.customer;

import com.qmsflow.identity.Groups;
import com.qmsflow.identity.UserDirectory;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Who may be a customer's sales rep ({@code customer.sales_rep}, the assignee of the customer's
 * survey tasks): an existing user of the group {@code sales}. Looked up without the editor's
 * authorization (customer service may not read users, but may name the rep).
 */
@Component
public class SalesReps {

  private final UserDirectory users;

  public SalesReps(UserDirectory users) {
    this.users = users;
  }

  /** Everyone who may be named sales rep, for the editors' pick list. */
  public List<UserDirectory.Member> all() {
    return users.membersOf(Groups.SALES);
  }

  public boolean isSalesRep(String userId) {
    return users.isMemberOf(userId, Groups.SALES);
  }

  /** The field rule's sentence (bundle key {@code rule.salesRep}, translated for the caller). */
  static String notASalesRep(String userId) {
    return "Sales rep (salesRep) " + userId + " is not a user of the group sales";
  }
}
