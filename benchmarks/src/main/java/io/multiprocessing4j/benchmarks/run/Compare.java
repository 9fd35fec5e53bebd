package io.multiprocessing4j.benchmarks.run;

import io.multiprocessing4j.BackendInfo;
import io.multiprocessing4j.Multiprocessing;
import io.multiprocessing4j.benchmarks.report.Comparison;
import io.multiprocessing4j.benchmarks.report.ComparisonTable;
import io.multiprocessing4j.benchmarks.report.HtmlReport;
import io.multiprocessing4j.benchmarks.report.Row;
import io.multiprocessing4j.benchmarks.report.TargetResult;
import io.multiprocessing4j.benchmarks.report.Targets;
import io.multiprocessing4j.benchmarks.results.BenchRecord;
import io.multiprocessing4j.benchmarks.results.Json;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one command: runs the chosen benchmarks on every available backend, interleaved with
 * CPython's baseline group by group, prints one table with ratios and the targets, and writes
 * {@code results.jsonl} and {@code report.html}.
 *
 * <pre>
 * java ... Compare [--quick | --full] [--only a,b] [--backends x,y] [--no-python] [--all] [--out DIR] [--list]
 * </pre>
 */
public final class Compare {
    private static final long START_NANOS = System.nanoTime();

    private Compare() {
    }

    /**
     * Runs the comparison.
     *
     * @param args the options above
     * @throws IOException if the results cannot be written
     */
    public static void main(String[] args) throws IOException {
        Options o = Options.parse(args);
        if (o.help) {
            System.out.println(Options.USAGE);
            return;
        }
        List<Spec> specs = o.select(Catalog.all());
        if (o.list) {
            specs.forEach(s -> System.out.println(s.benchmark() + " " + s.params() + " -> "
                    + s.rows().stream().map(Row::label).toList() + (s.fullOnly() ? " (full)" : "")));
            return;
        }
        System.setProperty("jmh.ignoreLock", "true");
        Files.createDirectories(o.out.resolve("logs"));
        Instant start = Instant.now();
        Map<String, String> backends = new LinkedHashMap<>();
        for (BackendInfo b : Multiprocessing.backends()) {
            if (o.backends == null || o.backends.contains(b.name())) {
                backends.put(b.name(), b.available() ? null : b.unavailabilityReason());
            }
        }
        List<String> available = backends.entrySet().stream().filter(e -> e.getValue() == null)
                .map(Map.Entry::getKey).toList();
        List<String> problems = new ArrayList<>();
        Optional<PythonBaseline> python = o.python
                ? PythonBaseline.locate(o.repoRoot, o.quick, o.out.resolve("logs"), problems)
                : Optional.empty();
        if (!o.python) {
            problems.add("CPython baseline skipped (--no-python)");
        }
        List<String> facts = facts(o, backends, python, problems, start);
        facts.forEach(f -> log("# " + f));
        problems.forEach(p -> log("# note: " + p + (o.python ? "; measuring Java only" : "")));

        JmhDriver jmh = new JmhDriver(o.quick, o.out.resolve("logs"));
        List<BenchRecord> javaRecords = new ArrayList<>();
        List<BenchRecord> pythonRecords = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            Spec s = specs.get(i);
            log(String.format("[%6.1fs] %s %s on %s", seconds(), s.benchmark(), s.params(), available));
            if (!available.isEmpty()) {
                List<BenchRecord> got = jmh.run(s, available);
                got.forEach(r -> log("          " + summary(r)));
                javaRecords.addAll(got);
            }
            for (String b : backends.keySet()) {
                if (backends.get(b) != null) {
                    for (Row r : s.rows()) {
                        javaRecords.add(BenchRecord.failed(r.bench(), r.variant(), "mp4j-" + b, b,
                                "n/a (backend unavailable: " + backends.get(b) + ")"));
                    }
                }
            }
            boolean groupEnds = s.group() != null && (i + 1 == specs.size() || !s.group().equals(specs.get(i + 1).group()));
            if (groupEnds && python.isPresent()) {
                List<String> prefixes = "pingpong".equals(s.group()) ? List.of("pipe_pingpong", "sync_pingpong")
                        : List.of(s.group());
                log(String.format("[%6.1fs] CPython --only %s", seconds(), String.join(",", prefixes)));
                for (BenchRecord r : python.get().run(prefixes, problems)) {
                    if (pythonRecords.stream().noneMatch(p -> same(p, r))) {
                        pythonRecords.add(r);
                        log("          " + summary(r));
                    }
                }
            }
        }
        List<Row> mainRows = Catalog.rows(specs.stream().filter(s -> s.group() != null).toList());
        List<Row> growthRows = Catalog.rows(specs.stream().filter(s -> s.group() == null).toList());
        Comparison main = new Comparison(mainRows, backends, javaRecords, pythonRecords);
        Comparison growth = new Comparison(growthRows, backends, javaRecords, List.of());
        List<TargetResult> verdicts = Targets.evaluate(Targets.issue(), main);
        problems.forEach(p -> facts.add("note: " + p));
        facts.add("total wall time " + String.format("%.0f s", seconds()));

        StringBuilder text = new StringBuilder();
        if (!mainRows.isEmpty()) {
            text.append("\n## multiprocessing4j vs CPython (medians; ratio = backend / CPython fork)\n\n")
                    .append(ComparisonTable.figures(main)).append("\n\n## Targets\n\n")
                    .append(ComparisonTable.targets(verdicts, main.backends())).append('\n');
        }
        if (!growthRows.isEmpty()) {
            text.append("\n## How cost grows (Java only)\n\n").append(ComparisonTable.figures(growth, false)).append('\n');
        }
        System.out.println(text);
        facts.forEach(f -> System.out.println("# " + f));

        Path jsonl = o.out.resolve("results.jsonl");
        try (Writer w = Files.newBufferedWriter(jsonl, StandardCharsets.UTF_8)) {
            w.write(Json.write(meta(o, backends, python, start)) + "\n");
            for (BenchRecord r : main.allRecords()) {
                w.write(r.toJsonLine() + "\n");
            }
            w.write(Json.write(Map.of("bench", "_done", "impl", "mp4j", "total_seconds",
                    Math.round(seconds() * 100) / 100.0)) + "\n");
        }
        Path html = o.out.resolve("report.html");
        Files.writeString(html, HtmlReport.render("multiprocessing4j vs CPython multiprocessing", facts, main,
                verdicts, growth));
        Files.writeString(o.out.resolve("table.md"), text.toString());
        System.out.println("# results: " + jsonl.toAbsolutePath() + "\n# report:  " + html.toAbsolutePath());
    }

    private static boolean same(BenchRecord a, BenchRecord b) {
        return a.bench().equals(b.bench()) && java.util.Objects.equals(a.variant(), b.variant())
                && a.startMethod().equals(b.startMethod());
    }

    private static String summary(BenchRecord r) {
        String name = r.bench() + (r.variant() == null ? "" : "/" + r.variant());
        return String.format("%-48s %-8s %s", name, r.startMethod(),
                r.ok() ? String.format("%.5g %s (spread %.0f%%)", r.median(), r.unit(),
                        r.relSpread() == null ? 0 : 100 * r.relSpread()) : r.error());
    }

    private static List<String> facts(Options o, Map<String, String> backends, Optional<PythonBaseline> python,
            List<String> problems, Instant start) {
        List<String> f = new ArrayList<>();
        f.add("date " + start.truncatedTo(ChronoUnit.SECONDS) + ", mode " + (o.quick ? "quick" : "full"));
        f.add("machine: " + Machine.describe());
        f.add("Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + "), JMH 1 fork per benchmark and backend");
        List<String> b = new ArrayList<>();
        backends.forEach((k, v) -> b.add(k + (v == null ? "" : " (n/a: " + v + ")")));
        f.add("backends: " + String.join(", ", b));
        python.ifPresent(p -> f.add("CPython baseline: " + p.script() + " (interleaved, group by group)"));
        return f;
    }

    private static Map<String, Object> meta(Options o, Map<String, String> backends, Optional<PythonBaseline> python,
            Instant start) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bench", "_meta");
        m.put("impl", "mp4j");
        m.put("timestamp_utc", start.truncatedTo(ChronoUnit.SECONDS).toString());
        m.put("mode", o.quick ? "quick" : "full");
        m.put("machine", Machine.describe());
        m.put("nproc", Runtime.getRuntime().availableProcessors());
        m.put("java", System.getProperty("java.version"));
        Map<String, Object> b = new LinkedHashMap<>();
        backends.forEach((k, v) -> b.put(k, v == null ? "available" : "unavailable: " + v));
        m.put("backends", b);
        python.ifPresent(p -> {
            m.put("python_baseline", p.script().toString());
            m.put("cpython_meta", p.meta());
        });
        return m;
    }

    private static double seconds() {
        return (System.nanoTime() - START_NANOS) / 1e9;
    }

    private static void log(String s) {
        System.err.println(s);
    }
}
