package io.multiprocessing4j.tck.compare;

import io.multiprocessing4j.BackendInfo;
import io.multiprocessing4j.Capability;
import io.multiprocessing4j.examples.TimeScale;
import io.multiprocessing4j.tck.CheckRunner;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** The report as a plain-text table, for the terminal. */
final class TextTable {
    private final List<BackendInfo> backends;
    private final List<Row> rows;
    private final Map<String, Long> totals;
    private final TimeScale scale;

    TextTable(List<BackendInfo> backends, List<Row> rows, Map<String, Long> totals, TimeScale scale) {
        this.backends = backends;
        this.rows = rows;
        this.totals = totals;
        this.scale = scale;
    }

    void print(PrintStream out) {
        out.printf("multiprocessing4j: every seed example on every backend (1 seed second = %d ms)%n%n", scale.millisPerSecond());
        for (BackendInfo b : backends) {
            out.printf("  %-8s %s; capabilities %s%n", b.name(), b.available() ? "available" : "UNAVAILABLE: " + b.unavailabilityReason(),
                    b.capabilities());
        }
        Map<Capability, List<String>> differing = CompareReport.differingCapabilities(backends);
        if (!differing.isEmpty()) {
            out.println();
            out.println("  capabilities that tell the available backends apart:");
            differing.forEach((cap, have) -> out.printf("    %-20s only %s%n", cap, have));
        }
        out.println();
        StringBuilder header = new StringBuilder(String.format("%-8s %-44s", "ID", "example"));
        for (BackendInfo b : backends) {
            header.append(String.format(" %-13s", b.name()));
        }
        header.append(" differs (why: see the check's expectation)");
        out.println(header);
        out.println("-".repeat(header.length()));
        for (Row r : rows) {
            StringBuilder line = new StringBuilder(String.format("%-8s %-44.44s", r.check().id(), r.check().title()));
            for (BackendInfo b : backends) {
                line.append(String.format(" %-13s", r.cell(b.name())));
            }
            String diff = r.differences();
            if (!diff.isEmpty()) {
                line.append(' ').append(diff).append("  <- ").append(r.check().ours());
            }
            out.println(line);
            for (BackendInfo b : backends) {
                CheckRunner.Outcome o = r.outcomes().get(b.name());
                if (o != null && o.status() == CheckRunner.Status.FAILED) {
                    out.printf("         %s failed: %.160s%n", b.name(), r.reason(b.name()));
                }
            }
        }
        out.println();
        for (BackendInfo b : backends) {
            long pass = rows.stream().filter(r -> status(r, b) == CheckRunner.Status.PASSED).count();
            long fail = rows.stream().filter(r -> status(r, b) == CheckRunner.Status.FAILED).count();
            long skip = rows.stream().filter(r -> status(r, b) == CheckRunner.Status.SKIPPED).count();
            out.printf("  %-8s %3d passed, %3d failed, %3d skipped in %6d ms%n", b.name(), pass, fail, skip, totals.get(b.name()));
        }
        rows.stream().filter(r -> r.check().id().equals("E000-11")).findFirst().ifPresent(r -> {
            out.println();
            out.println("  process start cost and pids (E000-11):");
            out.print(CompareReport.startCost(r, backends));
        });
    }

    private static CheckRunner.Status status(Row r, BackendInfo b) {
        CheckRunner.Outcome o = r.outcomes().get(b.name());
        return o == null ? null : o.status();
    }
}
