package io.multiprocessing4j.benchmarks.report;

import java.util.Map;
import java.util.Objects;

/**
 * One goal of the benchmark issue: a bound on the ratio of a backend's median to CPython's in the
 * same run.
 *
 * @param bench the benchmark
 * @param variant the variant it applies to, or null for every variant of {@code bench}
 * @param atLeast true for "ratio ≥ threshold" (throughput), false for "ratio ≤ threshold" (time)
 * @param threshold the bound
 * @param baseline CPython's start method compared with ({@code fork} or {@code spawn})
 * @param perBackend thresholds that differ for a named backend (e.g. forkjvm's queue goals)
 * @param officialBackends the backends the issue states the goal for; others are shown for information
 */
public record Target(String bench, String variant, boolean atLeast, double threshold, String baseline,
        Map<String, Double> perBackend, java.util.Set<String> officialBackends) {
    /** Checks and copies. */
    public Target {
        Objects.requireNonNull(bench, "bench");
        Objects.requireNonNull(baseline, "baseline");
        if (!(threshold > 0)) {
            throw new IllegalArgumentException("threshold must be positive: " + threshold);
        }
        perBackend = Map.copyOf(perBackend);
        officialBackends = java.util.Set.copyOf(officialBackends);
    }

    /**
     * @param backend a backend's name
     * @return the bound for it
     */
    public double thresholdFor(String backend) {
        return perBackend.getOrDefault(backend, threshold);
    }

    /**
     * @param row a row
     * @return whether this goal applies to it
     */
    public boolean appliesTo(Row row) {
        return row.bench().equals(bench) && (variant == null || variant.equals(row.variant()));
    }

    /**
     * @param ratio a measured ratio
     * @param backend the backend it belongs to
     * @return whether it meets the goal
     */
    public boolean met(double ratio, String backend) {
        double t = thresholdFor(backend);
        return atLeast ? ratio >= t : ratio <= t;
    }

    /**
     * @param backend a backend's name
     * @return the goal in words, e.g. {@code ≥ 20× CPython fork}
     */
    public String describe(String backend) {
        return (atLeast ? "≥ " : "≤ ") + Format.number(thresholdFor(backend)) + "× CPython " + baseline;
    }
}
