package com.qmsflow.feedback;

import com.qmsflow.web.QueryParams;
import java.util.Map;
import java.util.Set;

/**
 * The paging parameters of the feedback history, with the names, limits and messages of the
 * registers' lists: {@code page} from 0, {@code size} 1–200 (default 20, the customer page's). Read
 * by the registers' reader (web/QueryParams): every bad or unknown parameter is a field error, all
 * of them in one 400.
 */
record HistoryParams(int page, int size) {

  static final int DEFAULT_SIZE = 20;
  static final int MAX_SIZE = 200;
  static final int MAX_PAGE = 1_000_000;

  /** {@code page} and {@code size}. */
  static HistoryParams of(Map<String, String[]> raw) {
    return read(raw, Set.of("page", "size"));
  }

  /** {@code size} only: the first page of every section. */
  static HistoryParams firstPages(Map<String, String[]> raw) {
    return read(raw, Set.of("size"));
  }

  private static HistoryParams read(Map<String, String[]> raw, Set<String> accepted) {
    QueryParams params = new QueryParams(raw);
    int page = accepted.contains("page") ? params.integer("page", 0, 0, MAX_PAGE) : 0;
    int size = params.integer("size", DEFAULT_SIZE, 1, MAX_SIZE);
    params.done();
    return new HistoryParams(page, size);
  }
}
