package io.multiprocessing4j.benchmarks.report;

import io.multiprocessing4j.benchmarks.results.BenchRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The goals of the benchmark issue, and their evaluation against one run. */
public final class Targets {
    private static final Set<String> POSIX = Set.of("posix");
    private static final Set<String> POSIX_FORKJVM = Set.of("posix", "forkjvm");

    private Targets() {
    }

    /** @return the issue's goals: ratios to CPython in the same run, on posix unless stated */
    public static List<Target> issue() {
        return List.of(
                new Target("queue_throughput", "int", true, 20, "fork", Map.of("forkjvm", 5.0), POSIX_FORKJVM),
                new Target("queue_throughput", "bytes_1KiB", true, 10, "fork", Map.of("forkjvm", 3.0), POSIX_FORKJVM),
                atLeast("queue_throughput_64k", null, 1.5),
                atLeast("pipe_throughput", null, 1.5),
                atLeast("array_bandwidth", null, 1.5),
                atMost("pipe_pingpong", null, 0.5, "fork"),
                atMost("sync_pingpong", null, 0.5, "fork"),
                atMost("lock_uncontended", null, 0.5, "fork"),
                atLeast("lock_contended", null, 3),
                atLeast("value_increment", null, 3),
                atMost("pool_map_overhead", "chunksize_1", 0.2, "fork"),
                atMost("pool_map_overhead", "default_chunksize", 1, "fork"),
                atMost("pool_apply_async_latency", null, 0.1, "fork"),
                atLeast("manager_dict_ops", null, 5),
                atMost("process_start_join", "spares", 1, "fork"),
                atMost("process_start_join", "cold", 1, "spawn"));
    }

    private static Target atLeast(String bench, String variant, double t) {
        return new Target(bench, variant, true, t, "fork", Map.of(), POSIX);
    }

    private static Target atMost(String bench, String variant, double t, String baseline) {
        return new Target(bench, variant, false, t, baseline, Map.of(), POSIX);
    }

    /**
     * Judges every goal on every row it applies to, for every backend.
     *
     * @param targets the goals
     * @param c the run
     * @return one verdict per goal, row and backend, in the goals' order
     */
    public static List<TargetResult> evaluate(List<Target> targets, Comparison c) {
        List<TargetResult> out = new ArrayList<>();
        for (Target t : targets) {
            for (Row row : c.rows()) {
                if (!t.appliesTo(row)) {
                    continue;
                }
                for (String backend : c.backends()) {
                    out.add(judge(t, row, backend, c));
                }
            }
        }
        return out;
    }

    private static TargetResult judge(Target t, Row row, String backend, Comparison c) {
        boolean official = t.officialBackends().contains(backend);
        Optional<Double> ratio = c.ratio(row, backend, t.baseline());
        if (ratio.isPresent()) {
            TargetResult.Status s = t.met(ratio.get(), backend) ? TargetResult.Status.MET : TargetResult.Status.MISSED;
            return new TargetResult(t, row, backend, ratio.get(), s, official, null);
        }
        String note = c.unavailable(backend).map(r -> "backend unavailable: " + r)
                .or(() -> c.java(row, backend).map(BenchRecord::error))
                .or(() -> c.java(row, backend).isEmpty() ? Optional.of("not run") : Optional.empty())
                .orElseGet(() -> c.python(row, t.baseline()).map(BenchRecord::error)
                        .orElse("no CPython " + t.baseline() + " figure"));
        return new TargetResult(t, row, backend, null, TargetResult.Status.NOT_MEASURED, official, note);
    }
}
