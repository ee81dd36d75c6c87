package com.qmsflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the machine's CPU went between two samples: the application's JVMs, the PostgreSQL backends
 * serving the scenario's database (its connection pools' sessions live for the whole measurement;
 * the monitor's own session is left out), this benchmark's JVM (the lifecycle's HTTP clients) and
 * the rest of the machine. Shared by the lifecycle and the timer storm.
 */
final class CpuUse {

  /** CPU milliseconds used between two samples, and the wall time between them. */
  record Used(long applicationMs, long databaseMs, long benchmarkMs, long otherMs, long wallMs) {

    /** Cores the work outside the application, the database and this JVM kept busy. */
    double otherCores() {
      return wallMs == 0 ? 0 : (double) otherMs / wallMs;
    }
  }

  private final Map<Long, Long> processes;
  private final Set<Long> applications;
  private final long machineMs;
  private final long wallMs;

  private CpuUse(Map<Long, Long> processes, Set<Long> applications, long machineMs, long wallMs) {
    this.processes = processes;
    this.applications = applications;
    this.machineMs = machineMs;
    this.wallMs = wallMs;
  }

  /**
   * Takes a sample: CPU used so far by each application, each backend of the database, this JVM.
   */
  static CpuUse sample(List<AppProcess> applications, Connection monitor, String database)
      throws SQLException, IOException {
    List<Long> pids = new ArrayList<>(applications.stream().map(AppProcess::pid).toList());
    try (Statement s = monitor.createStatement();
        ResultSet r =
            s.executeQuery(
                "select pid from pg_stat_activity where datname = '"
                    + database
                    + "' and pid <> pg_backend_pid()")) {
      while (r.next()) {
        pids.add(r.getLong(1));
      }
    }
    pids.add(ProcessHandle.current().pid());
    Map<Long, Long> used = new HashMap<>();
    for (long pid : pids) {
      ProcessHandle.of(pid)
          .flatMap(p -> p.info().totalCpuDuration())
          .ifPresent(d -> used.put(pid, d.toMillis()));
    }
    return new CpuUse(
        used,
        Set.copyOf(applications.stream().map(AppProcess::pid).toList()),
        machineMs(),
        System.currentTimeMillis());
  }

  /**
   * What was used from {@code before} to this sample; processes that started meanwhile count from
   * 0, those that ended are not counted (take this sample before the applications stop).
   */
  Used since(CpuUse before) {
    long self = ProcessHandle.current().pid();
    long application = 0;
    long database = 0;
    long benchmark = 0;
    for (Map.Entry<Long, Long> e : processes.entrySet()) {
      long used = e.getValue() - before.processes.getOrDefault(e.getKey(), 0L);
      if (e.getKey() == self) {
        benchmark += used;
      } else if (applications.contains(e.getKey())) {
        application += used;
      } else {
        database += used;
      }
    }
    long machine = machineMs - before.machineMs;
    long other = Math.max(0, machine - application - database - benchmark);
    return new Used(application, database, benchmark, other, wallMs - before.wallMs);
  }

  /** CPU milliseconds the whole machine has spent busy (all cores, from /proc/stat). */
  private static long machineMs() throws IOException {
    String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
    // "cpu user nice system idle iowait irq softirq ...": busy is user, nice, system, irq and
    // softirq
    long busyTicks = 0;
    for (int i : new int[] {1, 2, 3, 6, 7}) {
      busyTicks += Long.parseLong(fields[i]);
    }
    return busyTicks * 10; // USER_HZ is 100 on Linux
  }
}
