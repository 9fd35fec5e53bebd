package io.multiprocessing4j.benchmarks.run;

import io.multiprocessing4j.benchmarks.report.Row;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One JMH benchmark method to run on every backend, with the parameter values to sweep, how many
 * repetitions it takes, and the figures it yields.
 *
 * @param group the baseline's {@code --only} prefix run right after it (interleaved), or null
 * @param benchmark the JMH benchmark, {@code SimpleClassName.method}
 * @param params JMH parameters other than the backend, each with its values
 * @param singleShot true for one sample per iteration (process and pool start-up)
 * @param samples single-shot samples measured in quick mode, in full mode, and the warm-up samples dropped
 * @param outputs the figures
 * @param fullOnly true when quick runs skip it
 */
public record Spec(String group, String benchmark, Map<String, List<String>> params, boolean singleShot,
        int[] samples, List<Output> outputs, boolean fullOnly) {
    /** Checks and copies. */
    public Spec {
        Objects.requireNonNull(benchmark, "benchmark");
        params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
        outputs = List.copyOf(outputs);
        if (singleShot && (samples == null || samples.length != 3)) {
            throw new IllegalArgumentException("a single-shot spec needs {quick, full, warm-up} sample counts: "
                    + benchmark);
        }
    }

    /** @return every combination of the extra parameters (one empty map when there are none) */
    public List<Map<String, String>> combinations() {
        List<Map<String, String>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<String>> e : params.entrySet()) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> m : out) {
                for (String v : e.getValue()) {
                    Map<String, String> c = new LinkedHashMap<>(m);
                    c.put(e.getKey(), v);
                    next.add(c);
                }
            }
            out = next;
        }
        return out;
    }

    /** @return every row this spec fills, in order */
    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (Output o : outputs) {
            for (Map<String, String> c : combinations()) {
                rows.add(o.row(c));
            }
        }
        return rows;
    }
}
