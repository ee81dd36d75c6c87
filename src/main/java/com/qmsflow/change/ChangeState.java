package com.qmsflow.change;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The states of a change kept in {@code change_request.state}, in the order a change passes them.
 * The stored value is the constant's {@link #name()}, which is also what the model passes as text
 * ({@code ${changeRecords.state(execution, 'APPROVAL')}}, input parameter {@code changeOutcome}).
 */
public enum ChangeState {
  CUSTOMER_CONFIRMATION,
  IN_REVIEW,
  RETURNED,
  REVISED,
  APPROVAL,
  NOTICE,
  IMPLEMENTATION,
  FIRST_LOT_CHECK,
  CLOSED,
  REJECTED,
  WITHDRAWN;

  /** Terminal states: nothing happens to the change any more. */
  public static final List<ChangeState> FINAL = List.of(CLOSED, REJECTED, WITHDRAWN);

  /** The final states as an SQL list, {@code ('CLOSED', 'REJECTED', 'WITHDRAWN')}. */
  static final String FINAL_SQL_LIST =
      FINAL.stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(", ", "(", ")"));

  public boolean isFinal() {
    return FINAL.contains(this);
  }

  /** The state stored or passed as text; an unknown text is an error of the model. */
  public static ChangeState of(String text) {
    return Arrays.stream(values())
        .filter(s -> s.name().equals(text))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("Unknown change state '" + text + "'"));
  }
}
