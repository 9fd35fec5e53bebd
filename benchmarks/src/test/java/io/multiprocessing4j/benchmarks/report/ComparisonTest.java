package io.multiprocessing4j.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.benchmarks.results.BenchRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComparisonTest {
    private static final Row QUEUE_INT = Row.same("queue_throughput", "int");
    private static final Row LOCK = Row.same("lock_uncontended", "with");
    private static final Row START_COLD = new Row("process_start_join", "cold", "process_start_join", null);
    private static final Row POOL = Row.same("pool_startup", null);

    private static BenchRecord java(Row r, String backend, String unit, String better, double v) {
        return BenchRecord.measured(r.bench(), r.variant(), "mp4j-" + backend, backend, unit, better, List.of(v), Map.of());
    }

    private static BenchRecord py(Row r, String method, String unit, String better, double v) {
        return BenchRecord.measured(r.pythonBench(), r.pythonVariant(), "cpython-3.11", method, unit, better, List.of(v),
                Map.of());
    }

    private static Comparison run() {
        Map<String, String> backends = new LinkedHashMap<>();
        backends.put("posix", "no libc here");
        backends.put("forkjvm", null);
        backends.put("threads", null);
        return new Comparison(List.of(QUEUE_INT, LOCK, START_COLD, POOL), backends,
                List.of(java(QUEUE_INT, "forkjvm", "msgs/s", "higher", 1_500_000),
                        java(QUEUE_INT, "threads", "msgs/s", "higher", 4_000_000),
                        java(LOCK, "threads", "ns", "lower", 30),
                        java(START_COLD, "forkjvm", "ms", "lower", 90),
                        BenchRecord.failed("pool_startup", null, "mp4j-forkjvm", "forkjvm",
                                "n/a (UnsupportedOperationException: the generic pool is not built yet)")),
                List.of(py(QUEUE_INT, "fork", "msgs/s", "higher", 250_000),
                        py(QUEUE_INT, "spawn", "msgs/s", "higher", 240_000),
                        py(LOCK, "n/a", "ns", "lower", 100),
                        py(START_COLD, "fork", "ms", "lower", 2.5),
                        py(START_COLD, "spawn", "ms", "lower", 84)));
    }

    @Test
    void ratiosAreTakenAgainstTheRequestedStartMethod() {
        Comparison c = run();
        assertEquals(6.0, c.ratio(QUEUE_INT, "forkjvm", "fork").orElseThrow(), 1e-9);
        assertEquals(36.0, c.ratio(START_COLD, "forkjvm", "fork").orElseThrow(), 1e-9);
        assertEquals(90 / 84.0, c.ratio(START_COLD, "forkjvm", "spawn").orElseThrow(), 1e-9);
        // single-process baselines (start method n/a) answer for fork
        assertEquals(0.3, c.ratio(LOCK, "threads", "fork").orElseThrow(), 1e-9);
        assertTrue(c.ratio(LOCK, "forkjvm", "fork").isEmpty());
    }

    @Test
    void targetsAreJudgedPerBackendWithItsOwnThreshold() {
        Comparison c = run();
        List<TargetResult> rs = Targets.evaluate(Targets.issue(), c);
        TargetResult forkjvmQueue = find(rs, "queue_throughput", "int", "forkjvm");
        assertEquals(TargetResult.Status.MET, forkjvmQueue.status()); // 6× against forkjvm's 5×
        assertTrue(forkjvmQueue.official());
        TargetResult threadsQueue = find(rs, "queue_throughput", "int", "threads");
        assertEquals(TargetResult.Status.MISSED, threadsQueue.status()); // 16× against 20×
        assertFalse(threadsQueue.official());
        assertEquals(TargetResult.Status.MET, find(rs, "lock_uncontended", "with", "threads").status());
        TargetResult cold = find(rs, "process_start_join", "cold", "forkjvm");
        assertEquals(TargetResult.Status.MISSED, cold.status()); // 90 ms against spawn's 84
        assertEquals(90 / 84.0, cold.ratio(), 1e-9);
        TargetResult posix = find(rs, "queue_throughput", "int", "posix");
        assertEquals(TargetResult.Status.NOT_MEASURED, posix.status());
        assertEquals("backend unavailable: no libc here", posix.note());
    }

    @Test
    void figuresTableShowsMediansRatiosAndReasons() {
        String t = ComparisonTable.figures(run());
        String[] lines = t.split("\n");
        assertEquals("| benchmark | unit | better | posix | forkjvm | threads | CPython fork | CPython spawn "
                + "| posix / fork | forkjvm / fork | threads / fork |", lines[0].replaceAll(" +", " "));
        assertEquals("| queue_throughput/int | msgs/s | higher | n/a (unavailable) | 1,500,000 | 4,000,000 | 250,000 "
                + "| 240,000 | - | 6× | 16× |", lines[2].replaceAll(" +", " "));
        // the single-process baseline shows under fork only
        assertEquals("| lock_uncontended/with | ns | lower | n/a (unavailable) | - | 30 | 100 | - | - | - | 0.3× |",
                lines[3].replaceAll(" +", " "));
        assertTrue(lines[5].startsWith("| pool_startup "), lines[5]);
        assertTrue(lines[5].contains("n/a (UnsupportedOperationException:…"), lines[5]);
        assertTrue(t.endsWith("posix: n/a (no libc here)"), t);
        // every row has the same width, so the table lines up in a terminal
        for (int i = 1; i < 6; i++) {
            assertEquals(lines[0].length(), lines[i].length(), lines[i]);
        }
    }

    @Test
    void targetsTableSaysMetAndMissedPlainly() {
        Comparison c = run();
        String t = ComparisonTable.targets(Targets.evaluate(Targets.issue(), c), c.backends());
        assertTrue(t.contains("| ≥ 20× CPython fork; forkjvm ≥ 5× CPython fork | queue_throughput/int"), t);
        assertTrue(t.contains("6× met*"), t);
        assertTrue(t.contains("16× MISSED"), t);
        assertTrue(t.contains("| 1.071× MISSED |"), t); // cold start is a posix goal: forkjvm's is not starred
        assertTrue(t.contains("| n/a (not run) |"), t);
        assertTrue(t.endsWith("Official targets: 1 met, 0 missed, 3 not measured."), t);
    }

    @Test
    void htmlIsSelfContained() {
        Comparison c = run();
        String html = HtmlReport.render("t <1>", List.of("date x"), c, Targets.evaluate(Targets.issue(), c), null);
        assertTrue(html.contains("<svg"));
        assertTrue(html.contains("t &lt;1&gt;"));
        assertFalse(html.contains("http://") || html.contains("https://") || html.contains("src="), "external asset");
    }

    @Test
    void formatsNumbersForPeople() {
        assertEquals("1,500,000", Format.number(1_500_000));
        assertEquals("0.1234", Format.number(0.12341));
        assertEquals("12.5", Format.number(12.5));
        assertEquals("2.500e-04", Format.number(0.00025));
        assertEquals("abc…", Format.shorten("abcdef", 4));
    }

    private static TargetResult find(List<TargetResult> rs, String bench, String variant, String backend) {
        return rs.stream().filter(r -> r.row().bench().equals(bench) && variant.equals(r.row().variant())
                && r.backend().equals(backend)).findFirst().orElseThrow();
    }
}
