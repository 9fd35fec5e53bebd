package io.multiprocessing4j.benchmarks.report;

import io.multiprocessing4j.benchmarks.results.BenchRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one table a run prints (Markdown, so it reads in a terminal and pastes into a README): each
 * row's median per backend, CPython's fork and spawn medians, and each backend's ratio to CPython
 * fork; then every target, met or missed.
 */
public final class ComparisonTable {
    private static final int REASON_WIDTH = 36;

    private ComparisonTable() {
    }

    /**
     * Formats the figures table.
     *
     * @param c the run
     * @return the Markdown table, with a line per unavailable backend under it
     */
    public static String figures(Comparison c) {
        return figures(c, true);
    }

    /**
     * Formats the figures table, with or without the CPython columns (the scaling sweeps have no
     * baseline).
     *
     * @param c the run
     * @param withPython whether to show CPython's medians and the ratios
     * @return the Markdown table, with a line per unavailable backend under it
     */
    public static String figures(Comparison c, boolean withPython) {
        List<String> head = new ArrayList<>(List.of("benchmark", "unit", "better"));
        for (String b : c.backends()) {
            head.add(b);
        }
        if (withPython) {
            head.add("CPython fork");
            head.add("CPython spawn");
            for (String b : c.backends()) {
                head.add(b + " / fork");
            }
        }
        List<List<String>> body = new ArrayList<>();
        for (Row row : c.rows()) {
            List<String> line = new ArrayList<>();
            line.add(row.label());
            line.add(unit(c, row));
            line.add(better(c, row));
            for (String b : c.backends()) {
                line.add(javaCell(c, row, b));
            }
            if (withPython) {
                line.add(pythonCell(c, row, "fork"));
                line.add(pythonCell(c, row, "spawn"));
                for (String b : c.backends()) {
                    line.add(c.ratio(row, b, Comparison.DEFAULT_BASELINE).map(Format::ratio).orElse("-"));
                }
            }
            body.add(line);
        }
        StringBuilder sb = new StringBuilder(markdown(head, body));
        for (String b : c.backends()) {
            c.unavailable(b).ifPresent(r -> sb.append("\n").append(b).append(": n/a (").append(r).append(")"));
        }
        if (withPython && !c.hasPython()) {
            sb.append("\nCPython: not measured in this run (see above why); ratios are '-'.");
        }
        return sb.toString();
    }

    /**
     * Formats the targets table: each goal, the row it was judged on, and each backend's verdict.
     * A {@code *} marks the backends the issue states the goal for.
     *
     * @param results the verdicts from {@link Targets#evaluate}
     * @param backends the backends, in display order
     * @return the Markdown table and a one-line summary
     */
    public static String targets(List<TargetResult> results, List<String> backends) {
        List<String> head = new ArrayList<>(List.of("target", "benchmark"));
        head.addAll(backends);
        List<List<String>> body = new ArrayList<>();
        int met = 0;
        int missed = 0;
        int unmeasured = 0;
        for (int i = 0; i < results.size(); i += backends.size()) {
            TargetResult first = results.get(i);
            List<String> line = new ArrayList<>();
            line.add(describe(first.target()));
            line.add(first.row().label());
            for (int j = 0; j < backends.size(); j++) {
                TargetResult r = results.get(i + j);
                line.add(verdictCell(r));
                if (r.official()) {
                    switch (r.status()) {
                        case MET -> met++;
                        case MISSED -> missed++;
                        case NOT_MEASURED -> unmeasured++;
                    }
                }
            }
            body.add(line);
        }
        return markdown(head, body) + "\n* = the backend the issue sets this target for (others: shown for comparison)."
                + "\nOfficial targets: " + met + " met, " + missed + " missed, " + unmeasured + " not measured.";
    }

    /**
     * @param t a target
     * @return it in words, with per-backend exceptions
     */
    public static String describe(Target t) {
        StringBuilder sb = new StringBuilder(t.describe("")).append(t.atLeast() ? "" : " (time)");
        t.perBackend().forEach((b, v) -> sb.append("; ").append(b).append(' ').append(t.describe(b)));
        return sb.toString();
    }

    /**
     * @param r a verdict
     * @return e.g. {@code 0.42× met*}, {@code 3.1× MISSED}, {@code n/a (pool not built)}
     */
    public static String verdictCell(TargetResult r) {
        String star = r.official() ? "*" : "";
        if (r.ratio() == null) {
            return "n/a" + star + " (" + Format.shorten(r.note(), REASON_WIDTH) + ")";
        }
        return Format.ratio(r.ratio()) + " " + r.status().word() + star;
    }

    /**
     * Lays out a Markdown table with padded columns.
     *
     * @param head the header cells
     * @param body the rows' cells
     * @return the table
     */
    public static String markdown(List<String> head, List<List<String>> body) {
        int[] w = new int[head.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = head.get(i).length();
            for (List<String> r : body) {
                w[i] = Math.max(w[i], r.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, head, w);
        sb.append('|');
        for (int x : w) {
            sb.append('-').append("-".repeat(x)).append("-|");
        }
        sb.append('\n');
        for (List<String> r : body) {
            line(sb, r, w);
        }
        sb.setLength(sb.length() - 1);
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells, int[] w) {
        sb.append('|');
        for (int i = 0; i < w.length; i++) {
            String cell = cells.get(i);
            sb.append(' ').append(cell).append(" ".repeat(w[i] - cell.length())).append(" |");
        }
        sb.append('\n');
    }

    private static String javaCell(Comparison c, Row row, String backend) {
        if (c.unavailable(backend).isPresent()) {
            return "n/a (unavailable)";
        }
        Optional<BenchRecord> r = c.java(row, backend);
        if (r.isEmpty()) {
            return "-";
        }
        return r.get().ok() ? Format.number(r.get().median()) : Format.shorten(r.get().error(), REASON_WIDTH);
    }

    private static String pythonCell(Comparison c, Row row, String method) {
        // a single-process baseline (start method n/a) shows under fork only
        Optional<BenchRecord> r = "fork".equals(method) ? c.python(row, method) : c.pythonFor(row, method);
        if (r.isEmpty()) {
            return "-";
        }
        return r.get().ok() ? Format.number(r.get().median()) : Format.shorten("n/a (" + r.get().error() + ")", REASON_WIDTH);
    }

    private static String unit(Comparison c, Row row) {
        return firstOk(c, row).map(BenchRecord::unit).orElse("");
    }

    private static String better(Comparison c, Row row) {
        return firstOk(c, row).map(BenchRecord::better).orElse("");
    }

    private static Optional<BenchRecord> firstOk(Comparison c, Row row) {
        for (String b : c.backends()) {
            Optional<BenchRecord> r = c.java(row, b).filter(BenchRecord::ok);
            if (r.isPresent()) {
                return r;
            }
        }
        return c.python(row, "fork").filter(BenchRecord::ok);
    }
}
