package com.qmsflow.complaint;

import com.qmsflow.numbering.ReadableNumbers;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/** Readable complaint numbers {@code CC-<year>-<6 digits>}, counted per year. */
@Service
public class ComplaintNumbers {

  public static final Pattern FORMAT = Pattern.compile("CC-\\d{4}-\\d{6}");

  private final ReadableNumbers numbers;

  public ComplaintNumbers(ReadableNumbers numbers) {
    this.numbers = numbers;
  }

  public String next() {
    return numbers.next("complaint", "CC", 6);
  }
}
