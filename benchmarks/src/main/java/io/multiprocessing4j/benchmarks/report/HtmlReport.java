package io.multiprocessing4j.benchmarks.report;

import io.multiprocessing4j.benchmarks.results.BenchRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A self-contained HTML page (inline CSS and SVG, no external assets): the run's facts, the
 * targets met or missed, one bar chart per benchmark (each backend and CPython), and how cost
 * grows with producers, workers and message size.
 */
public final class HtmlReport {
    private static final String[] COLOURS = {"#4e79a7", "#f28e2b", "#59a14f", "#af7aa1", "#76b7b2"};
    private static final String PY_FORK = "#e15759";
    private static final String PY_SPAWN = "#ff9d9a";

    private HtmlReport() {
    }

    /**
     * Renders the page.
     *
     * @param title the heading
     * @param facts lines about the run (date, machine, mode, notes)
     * @param main the comparison with CPython
     * @param targets the verdicts
     * @param growth the scaling rows (no CPython), or null
     * @return the HTML
     */
    public static String render(String title, List<String> facts, Comparison main, List<TargetResult> targets,
            Comparison growth) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title))
                .append("</title>\n<style>\n")
                .append("body{font:14px/1.4 system-ui,sans-serif;margin:2em;max-width:1200px;color:#222}")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 7px;")
                .append("text-align:right}td:first-child,th:first-child{text-align:left}")
                .append(".met{background:#dff0d8}.missed{background:#f8d7da}.na{color:#888}")
                .append(".chart{display:inline-block;margin:0 1.5em 1.5em 0;vertical-align:top}")
                .append("h3{margin:.2em 0;font-size:14px}svg text{font:11px system-ui,sans-serif}")
                .append("\n</style></head><body>\n<h1>").append(esc(title)).append("</h1>\n<ul>");
        for (String f : facts) {
            h.append("<li>").append(esc(f)).append("</li>");
        }
        h.append("</ul>\n<h2>Targets (ratio to CPython in the same run)</h2>\n");
        targetsTable(h, targets, main.backends());
        h.append("<h2>Figures</h2>\n");
        figuresTable(h, main);
        h.append("<h2>Each benchmark</h2>\n");
        for (Row row : main.rows()) {
            chart(h, main, row, true);
        }
        if (growth != null && !growth.rows().isEmpty()) {
            h.append("<h2>How cost grows</h2>\n<p>Queue throughput with 1, 2, 4, 8 producer processes and with "
                    + "message sizes from 8 B to 1 MiB; pool throughput with 1, 2, 4, 8 workers (chunk size 1). "
                    + "Java only: the baseline has no such sweep.</p>\n");
            for (Row row : growth.rows()) {
                chart(h, growth, row, false);
            }
        }
        return h.append("\n</body></html>\n").toString();
    }

    private static void targetsTable(StringBuilder h, List<TargetResult> results, List<String> backends) {
        h.append("<table><tr><th>target</th><th>benchmark</th>");
        for (String b : backends) {
            h.append("<th>").append(esc(b)).append("</th>");
        }
        h.append("</tr>\n");
        for (int i = 0; i + backends.size() <= results.size(); i += backends.size()) {
            TargetResult first = results.get(i);
            h.append("<tr><td>").append(esc(ComparisonTable.describe(first.target()))).append("</td><td>")
                    .append(esc(first.row().label())).append("</td>");
            for (int j = 0; j < backends.size(); j++) {
                TargetResult r = results.get(i + j);
                String cls = switch (r.status()) {
                    case MET -> "met";
                    case MISSED -> "missed";
                    case NOT_MEASURED -> "na";
                };
                h.append("<td class=\"").append(cls).append("\" title=\"").append(esc(r.note() == null ? "" : r.note()))
                        .append("\">").append(esc(ComparisonTable.verdictCell(r))).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table><p>* = the backend the issue sets the target for; the others are shown for comparison.</p>\n");
    }

    private static void figuresTable(StringBuilder h, Comparison c) {
        h.append("<table><tr><th>benchmark</th><th>unit</th>");
        for (String b : c.backends()) {
            h.append("<th>").append(esc(b)).append("</th>");
        }
        h.append("<th>CPython fork</th><th>CPython spawn</th>");
        for (String b : c.backends()) {
            h.append("<th>").append(esc(b)).append(" / fork</th>");
        }
        h.append("</tr>\n");
        for (Row row : c.rows()) {
            h.append("<tr><td>").append(esc(row.label())).append("</td><td>").append(esc(unit(c, row))).append("</td>");
            for (String b : c.backends()) {
                cell(h, c.java(row, b), c.unavailable(b));
            }
            cell(h, c.python(row, "fork"), Optional.empty());
            cell(h, c.pythonFor(row, "spawn"), Optional.empty());
            for (String b : c.backends()) {
                h.append("<td>").append(c.ratio(row, b, Comparison.DEFAULT_BASELINE).map(Format::ratio).orElse("-"))
                        .append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    private static void cell(StringBuilder h, Optional<BenchRecord> r, Optional<String> unavailable) {
        if (unavailable.isPresent()) {
            h.append("<td class=\"na\" title=\"").append(esc(unavailable.get())).append("\">n/a</td>");
        } else if (r.isEmpty()) {
            h.append("<td class=\"na\">-</td>");
        } else if (!r.get().ok()) {
            h.append("<td class=\"na\" title=\"").append(esc(r.get().error())).append("\">")
                    .append(esc(Format.shorten(r.get().error(), 28))).append("</td>");
        } else {
            h.append("<td title=\"min ").append(Format.number(r.get().min())).append(", max ")
                    .append(Format.number(r.get().max())).append("\">").append(Format.number(r.get().median()))
                    .append("</td>");
        }
    }

    /** One horizontal bar per measured side, scaled to the row's largest median. */
    private static void chart(StringBuilder h, Comparison c, Row row, boolean withPython) {
        Map<String, Double> bars = new LinkedHashMap<>();
        Map<String, String> colours = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        int i = 0;
        for (String b : c.backends()) {
            String colour = COLOURS[i++ % COLOURS.length];
            Optional<BenchRecord> r = c.java(row, b);
            if (r.isPresent() && r.get().ok()) {
                bars.put(b, r.get().median());
                colours.put(b, colour);
            } else {
                notes.add(b + ": " + c.unavailable(b).map(x -> "unavailable").orElse(r.map(BenchRecord::error).orElse("not run")));
            }
        }
        if (withPython) {
            c.python(row, "fork").filter(BenchRecord::ok).ifPresent(r -> {
                bars.put("CPython fork", r.median());
                colours.put("CPython fork", PY_FORK);
            });
            c.python(row, "spawn").filter(BenchRecord::ok).filter(r -> !"n/a".equals(r.startMethod())).ifPresent(r -> {
                bars.put("CPython spawn", r.median());
                colours.put("CPython spawn", PY_SPAWN);
            });
        }
        String unit = unit(c, row);
        String better = firstOk(c, row).map(BenchRecord::better).orElse("");
        double max = bars.values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
        double min = bars.values().stream().mapToDouble(Double::doubleValue).filter(v -> v > 0).min().orElse(max);
        // a backend 1000× faster than another would leave the slower bars one pixel wide: go logarithmic
        boolean log = min > 0 && max / min > 50;
        double floor = log ? Math.log10(min / 2) : 0;
        int width = 360;
        int label = 100;
        int barH = 16;
        int height = Math.max(1, bars.size()) * (barH + 4) + 4;
        h.append("<div class=\"chart\"><h3>").append(esc(row.label())).append(" <small>(").append(esc(unit))
                .append(", ").append(esc(better)).append(" is better").append(log ? ", log scale" : "")
                .append(")</small></h3>\n<svg width=\"")
                .append(label + width + 90).append("\" height=\"").append(height).append("\" role=\"img\">");
        int y = 4;
        for (Map.Entry<String, Double> e : bars.entrySet()) {
            double w = max <= 0 ? 0 : log && e.getValue() > 0
                    ? (Math.log10(e.getValue()) - floor) / (Math.log10(max) - floor) * width
                    : e.getValue() / max * width;
            h.append("<text x=\"0\" y=\"").append(y + 12).append("\">").append(esc(e.getKey())).append("</text>")
                    .append("<rect x=\"").append(label).append("\" y=\"").append(y).append("\" width=\"")
                    .append(String.format(Locale.ROOT, "%.1f", Math.max(1, w))).append("\" height=\"").append(barH)
                    .append("\" fill=\"").append(colours.get(e.getKey())).append("\"/>")
                    .append("<text x=\"").append(String.format(Locale.ROOT, "%.1f", label + Math.max(1, w) + 4))
                    .append("\" y=\"").append(y + 12).append("\">").append(Format.number(e.getValue())).append("</text>");
            y += barH + 4;
        }
        h.append("</svg>");
        for (String n : notes) {
            h.append("<div class=\"na\">").append(esc(Format.shorten(n, 90))).append("</div>");
        }
        h.append("</div>\n");
    }

    private static String unit(Comparison c, Row row) {
        return firstOk(c, row).map(BenchRecord::unit).orElse("");
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

    /**
     * Escapes text for HTML.
     *
     * @param s the text
     * @return it, escaped
     */
    public static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
