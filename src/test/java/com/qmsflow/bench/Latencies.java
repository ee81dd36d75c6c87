package com.qmsflow.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Latencies in nanoseconds per request type, recorded by many threads; percentiles by nearest rank.
 */
final class Latencies {

  private final Map<String, List<Long>> byType = new ConcurrentHashMap<>();

  void record(String type, long nanos) {
    byType.computeIfAbsent(type, t -> Collections.synchronizedList(new ArrayList<>())).add(nanos);
  }

  /** Per type: count, p50, p95, p99 and max in milliseconds, types sorted by name. */
  Map<String, Stats> stats() {
    Map<String, Stats> result = new TreeMap<>();
    byType.forEach(
        (type, values) -> {
          List<Long> sorted;
          synchronized (values) {
            sorted = new ArrayList<>(values);
          }
          Collections.sort(sorted);
          result.put(
              type,
              new Stats(
                  sorted.size(),
                  ms(percentile(sorted, 50)),
                  ms(percentile(sorted, 95)),
                  ms(percentile(sorted, 99)),
                  ms(sorted.get(sorted.size() - 1))));
        });
    return result;
  }

  static long percentile(List<Long> sorted, double p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  private static double ms(long nanos) {
    return Math.round(nanos / 10_000.0) / 100.0;
  }

  record Stats(int count, double p50Ms, double p95Ms, double p99Ms, double maxMs) {
    Map<String, Object> json() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("count", count);
      m.put("p50Ms", p50Ms);
      m.put("p95Ms", p95Ms);
      m.put("p99Ms", p99Ms);
      m.put("maxMs", maxMs);
      return m;
    }
  }
}
