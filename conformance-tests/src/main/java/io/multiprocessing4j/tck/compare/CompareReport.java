package io.multiprocessing4j.tck.compare;

import io.multiprocessing4j.BackendInfo;
import io.multiprocessing4j.Capability;
import io.multiprocessing4j.Multiprocessing;
import io.multiprocessing4j.examples.ExampleResult;
import io.multiprocessing4j.examples.TimeScale;
import io.multiprocessing4j.tck.Catalogue;
import io.multiprocessing4j.tck.Check;
import io.multiprocessing4j.tck.CheckRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The comparison report: runs every seed example on every backend found, prints a side-by-side
 * table (outcome and time per backend, what differs and why) and writes the same as a
 * self-contained HTML page. Usage: {@code CompareReport [outputDir] [millisPerSecond]}.
 */
public final class CompareReport {
    private CompareReport() {
    }

    /**
     * Runs the report.
     *
     * @param args {@code [outputDir] [millisPerSecond]} (defaults: {@code target/compare}, 50)
     * @throws IOException if the HTML page cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/compare");
        TimeScale scale = new TimeScale(args.length > 1 ? Long.parseLong(args[1]) : TimeScale.FAST.millisPerSecond());
        List<BackendInfo> backends = Multiprocessing.backends();
        List<Check> examples = Catalogue.examples();
        Map<String, Map<String, CheckRunner.Outcome>> byCheck = new LinkedHashMap<>();
        examples.forEach(c -> byCheck.put(c.id(), new LinkedHashMap<>()));
        Map<String, Long> totals = new LinkedHashMap<>();
        PrintStream progress = System.err;
        // On a terminal one line is rewritten; through a pipe (Maven) each step is a line of its own.
        boolean terminal = System.console() != null;
        for (BackendInfo b : backends) {
            long t0 = System.nanoTime();
            if (!b.available()) {
                progress.printf("[%s] unavailable (%s): its examples are skipped%n", b.name(), b.unavailabilityReason());
            }
            try (CheckRunner runner = new CheckRunner(() -> Multiprocessing.context(b.name()), scale, Duration.ofSeconds(60),
                    b.available() ? null : b.unavailabilityReason())) {
                int i = 0;
                for (Check c : examples) {
                    i++;
                    if (b.available()) {
                        progress.printf(terminal ? "\r[%s %2d/%d] %-8s %-60.60s" : "[%s %2d/%d] %-8s %-60.60s%n",
                                b.name(), i, examples.size(), c.id(), c.title());
                        progress.flush();
                    }
                    byCheck.get(c.id()).put(b.name(), runner.run(c));
                }
            }
            totals.put(b.name(), (System.nanoTime() - t0) / 1_000_000);
        }
        if (terminal) {
            progress.printf("\r%-90s\r", "");
        }
        List<Row> rows = new ArrayList<>();
        for (Check c : examples) {
            rows.add(new Row(c, byCheck.get(c.id())));
        }
        new TextTable(backends, rows, totals, scale).print(System.out);
        Files.createDirectories(dir);
        Path page = dir.resolve("report.html");
        Files.writeString(page, new HtmlPage(backends, rows, totals, scale).render());
        System.out.println();
        System.out.println("HTML report: " + page.toAbsolutePath());
    }

    /**
     * @param backends the backends
     * @return the capabilities some backends have and others lack, with who has them
     */
    static Map<Capability, List<String>> differingCapabilities(List<BackendInfo> backends) {
        Map<Capability, List<String>> out = new LinkedHashMap<>();
        List<BackendInfo> available = backends.stream().filter(BackendInfo::available).toList();
        for (Capability cap : EnumSet.allOf(Capability.class)) {
            List<String> have = available.stream().filter(b -> b.capabilities().contains(cap)).map(BackendInfo::name).toList();
            if (!have.isEmpty() && have.size() < available.size()) {
                out.put(cap, have);
            }
        }
        return out;
    }

    /**
     * @param row an example's row
     * @param backends the backends
     * @return the start cost and pids measured by E000-11, per backend
     */
    static String startCost(Row row, List<BackendInfo> backends) {
        StringBuilder out = new StringBuilder();
        for (BackendInfo b : backends) {
            CheckRunner.Outcome o = row.outcomes().get(b.name());
            if (o != null && o.value() instanceof ExampleResult r) {
                out.append(String.format("  %-8s start+join %s ms; parent pid %s; child pids %s%n", b.name(),
                        r.facts().get("meanStartMs"), r.facts().get("parentPid"), r.facts().get("childPids")));
            }
        }
        return out.toString();
    }

    static Set<String> names(List<BackendInfo> backends) {
        Set<String> s = new java.util.LinkedHashSet<>();
        backends.forEach(b -> s.add(b.name()));
        return s;
    }
}
