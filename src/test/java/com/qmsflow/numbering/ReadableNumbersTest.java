package com.qmsflow.numbering;

import java.util.UUID;

/** {@link ReadableNumbersContract} on H2, the demo profile's database. */
class ReadableNumbersTest extends ReadableNumbersContract {

  @Override
  String[] freshDatabase() {
    return new String[] {
      "jdbc:h2:mem:numbers-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", ""
    };
  }
}
