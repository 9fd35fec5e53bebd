package io.multiprocessing4j.benchmarks.report;

import java.util.Objects;

/**
 * One line of the comparison: a benchmark and variant as the Java side names it, and the CPython
 * record it is compared with (usually the same names).
 *
 * @param bench the benchmark's name
 * @param variant the variant, or null
 * @param pythonBench the baseline's benchmark name
 * @param pythonVariant the baseline's variant, or null
 */
public record Row(String bench, String variant, String pythonBench, String pythonVariant) {
    /** Checks the names. */
    public Row {
        Objects.requireNonNull(bench, "bench");
        Objects.requireNonNull(pythonBench, "pythonBench");
    }

    /**
     * A row compared with the baseline record of the same names.
     *
     * @param bench the benchmark
     * @param variant the variant, or null
     * @return the row
     */
    public static Row same(String bench, String variant) {
        return new Row(bench, variant, bench, variant);
    }

    /** @return {@code bench} or {@code bench/variant} */
    public String label() {
        return variant == null ? bench : bench + "/" + variant;
    }
}
