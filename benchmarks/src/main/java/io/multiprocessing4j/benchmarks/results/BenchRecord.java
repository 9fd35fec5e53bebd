package io.multiprocessing4j.benchmarks.results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One measured figure (or one benchmark that could not run) in the Python baseline's record
 * shape: {@code bench, variant, impl, start_method, unit, median, min, max, rel_spread, better,
 * runs, params}. A record that could not be measured has {@link #error()} set and no figures.
 *
 * @param bench the benchmark's name, as in the Python script
 * @param variant the variant, or null
 * @param impl who was measured: {@code mp4j-<backend>} or {@code cpython-3.x}
 * @param startMethod the backend's name, CPython's start method, or {@code n/a}
 * @param unit the unit of every figure
 * @param median the median of {@code runs}
 * @param min the smallest run
 * @param max the largest run
 * @param relSpread {@code (max - min) / median}, or null when the median is zero
 * @param better {@code higher} or {@code lower}
 * @param runs one figure per kept repetition
 * @param params what was measured and how
 * @param error why there are no figures, or null
 */
public record BenchRecord(String bench, String variant, String impl, String startMethod, String unit, double median,
        double min, double max, Double relSpread, String better, List<Double> runs, Map<String, Object> params,
        String error) {

    /** Checks the names and copies the collections. */
    public BenchRecord {
        Objects.requireNonNull(bench, "bench");
        Objects.requireNonNull(impl, "impl");
        Objects.requireNonNull(startMethod, "startMethod");
        runs = List.copyOf(runs);
        params = params == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
        if (error == null && runs.isEmpty()) {
            throw new IllegalArgumentException("a measured record needs runs: " + bench);
        }
        if (better != null && !better.equals("higher") && !better.equals("lower")) {
            throw new IllegalArgumentException("better must be 'higher' or 'lower': " + better);
        }
    }

    /**
     * A measured record; median, min, max and spread are computed from {@code runs}, every figure
     * rounded to six significant digits as the baseline does.
     *
     * @param bench the benchmark
     * @param variant the variant, or null
     * @param impl who was measured
     * @param startMethod the backend or start method
     * @param unit the unit
     * @param better {@code higher} or {@code lower}
     * @param runs the figures, at least one
     * @param params what was measured
     * @return the record
     * @throws IllegalArgumentException if {@code runs} is empty or {@code better} is neither word
     */
    public static BenchRecord measured(String bench, String variant, String impl, String startMethod, String unit,
            String better, List<Double> runs, Map<String, Object> params) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no runs for " + bench);
        }
        double med = Stats.median(runs);
        double lo = Stats.min(runs);
        double hi = Stats.max(runs);
        List<Double> rounded = runs.stream().map(Stats::round6).toList();
        return new BenchRecord(bench, variant, impl, startMethod, unit, Stats.round6(med), Stats.round6(lo),
                Stats.round6(hi), med == 0 ? null : Stats.round6((hi - lo) / med), better, rounded, params, null);
    }

    /**
     * A record saying why a benchmark has no figures.
     *
     * @param bench the benchmark
     * @param variant the variant, or null
     * @param impl who would have been measured
     * @param startMethod the backend or start method
     * @param error the reason, e.g. {@code n/a (pool not implemented)}
     * @return the record
     */
    public static BenchRecord failed(String bench, String variant, String impl, String startMethod, String error) {
        return new BenchRecord(bench, variant, impl, startMethod, null, Double.NaN, Double.NaN, Double.NaN, null, null,
                List.of(), Map.of(), Objects.requireNonNull(error, "error"));
    }

    /** @return whether this record has figures */
    public boolean ok() {
        return error == null;
    }

    /** @return the record as a map in the baseline's key order */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bench", bench);
        if (variant != null) {
            m.put("variant", variant);
        }
        m.put("impl", impl);
        m.put("start_method", startMethod);
        if (error != null) {
            m.put("error", error);
            return m;
        }
        m.put("unit", unit);
        m.put("median", median);
        m.put("min", min);
        m.put("max", max);
        m.put("rel_spread", relSpread);
        m.put("better", better);
        m.put("runs", runs);
        m.put("params", params);
        return m;
    }

    /** @return the record as one line of JSON */
    public String toJsonLine() {
        return Json.write(toMap());
    }

    /**
     * Reads a record from one parsed JSON object, as the baseline prints them.
     *
     * @param m the object
     * @return the record
     * @throws IllegalArgumentException if a required key is missing or has the wrong type
     */
    @SuppressWarnings("unchecked")
    public static BenchRecord fromMap(Map<String, Object> m) {
        String bench = str(m, "bench", true);
        String variant = str(m, "variant", false);
        String impl = str(m, "impl", true);
        String method = Objects.requireNonNullElse(str(m, "start_method", false), "n/a");
        if (m.containsKey("error")) {
            return failed(bench, variant, impl, method, String.valueOf(m.get("error")));
        }
        List<Double> runs = new ArrayList<>();
        if (m.get("runs") instanceof List<?> l) {
            for (Object o : l) {
                runs.add(((Number) o).doubleValue());
            }
        }
        Object rs = m.get("rel_spread");
        Map<String, Object> params = m.get("params") instanceof Map<?, ?> p ? (Map<String, Object>) p : Map.of();
        return new BenchRecord(bench, variant, impl, method, str(m, "unit", true), num(m, "median"), num(m, "min"),
                num(m, "max"), rs == null ? null : ((Number) rs).doubleValue(), str(m, "better", false), runs, params,
                null);
    }

    private static String str(Map<String, Object> m, String key, boolean required) {
        Object v = m.get(key);
        if (v == null && required) {
            throw new IllegalArgumentException("record lacks '" + key + "': " + m);
        }
        return v == null ? null : v.toString();
    }

    private static double num(Map<String, Object> m, String key) {
        if (!(m.get(key) instanceof Number n)) {
            throw new IllegalArgumentException("record lacks a number '" + key + "': " + m);
        }
        return n.doubleValue();
    }
}
