package io.multiprocessing4j.benchmarks.report;

import io.multiprocessing4j.benchmarks.results.BenchRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Every figure of one run, arranged for comparison: the rows, the backends (each with the reason
 * it was not measured, if any) and the Java and CPython records.
 */
public final class Comparison {
    /** The baseline every ratio is taken against unless a target says otherwise. */
    public static final String DEFAULT_BASELINE = "fork";

    private final List<Row> rows;
    private final Map<String, String> backends;
    private final List<BenchRecord> javaRecords;
    private final List<BenchRecord> pythonRecords;

    /**
     * @param rows the rows, in display order
     * @param backends every backend found, in display order, mapped to null when it ran or to the
     *     reason it did not
     * @param javaRecords the Java records (impl {@code mp4j-<backend>}, start method = backend)
     * @param pythonRecords the CPython records
     */
    public Comparison(List<Row> rows, Map<String, String> backends, List<BenchRecord> javaRecords,
            List<BenchRecord> pythonRecords) {
        this.rows = List.copyOf(rows);
        this.backends = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(backends));
        this.javaRecords = List.copyOf(javaRecords);
        this.pythonRecords = List.copyOf(pythonRecords);
    }

    /** @return the rows, in display order */
    public List<Row> rows() {
        return rows;
    }

    /** @return the backends' names, in display order */
    public List<String> backends() {
        return List.copyOf(backends.keySet());
    }

    /**
     * @param backend a backend's name
     * @return why it was not measured, or empty when it was
     */
    public Optional<String> unavailable(String backend) {
        return Optional.ofNullable(backends.get(backend));
    }

    /** @return every record, Java first, then CPython */
    public List<BenchRecord> allRecords() {
        List<BenchRecord> all = new ArrayList<>(javaRecords);
        all.addAll(pythonRecords);
        return all;
    }

    /** @return whether any CPython figure is present */
    public boolean hasPython() {
        return pythonRecords.stream().anyMatch(BenchRecord::ok);
    }

    /**
     * @param row a row
     * @param backend a backend
     * @return its record (measured or failed), or empty when it was not run
     */
    public Optional<BenchRecord> java(Row row, String backend) {
        return javaRecords.stream()
                .filter(r -> r.bench().equals(row.bench()) && Objects.equals(r.variant(), row.variant())
                        && r.startMethod().equals(backend))
                .reduce((a, b) -> b);
    }

    /**
     * The CPython record for a row and start method. Single-process baselines (start method
     * {@code n/a}) answer for every method.
     *
     * @param row a row
     * @param method {@code fork} or {@code spawn}
     * @return the record, or empty
     */
    public Optional<BenchRecord> python(Row row, String method) {
        Optional<BenchRecord> exact = pythonFor(row, method);
        return exact.isPresent() ? exact : pythonFor(row, "n/a");
    }

    /**
     * The CPython record measured with exactly this start method (no single-process fallback).
     *
     * @param row a row
     * @param method {@code fork}, {@code spawn} or {@code n/a}
     * @return the record, or empty
     */
    public Optional<BenchRecord> pythonFor(Row row, String method) {
        return pythonRecords.stream()
                .filter(r -> r.bench().equals(row.pythonBench()) && Objects.equals(r.variant(), row.pythonVariant())
                        && r.startMethod().equals(method))
                .findFirst();
    }

    /**
     * The Java median divided by CPython's for the same row (both measured).
     *
     * @param row a row
     * @param backend a backend
     * @param method the baseline's start method
     * @return the ratio, or empty if either side lacks a figure
     */
    public Optional<Double> ratio(Row row, String backend, String method) {
        Optional<BenchRecord> j = java(row, backend).filter(BenchRecord::ok);
        Optional<BenchRecord> p = python(row, method).filter(BenchRecord::ok);
        if (j.isEmpty() || p.isEmpty() || p.get().median() == 0) {
            return Optional.empty();
        }
        return Optional.of(j.get().median() / p.get().median());
    }
}
