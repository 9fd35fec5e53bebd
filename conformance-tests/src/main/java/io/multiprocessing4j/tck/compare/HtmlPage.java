package io.multiprocessing4j.tck.compare;

import io.multiprocessing4j.BackendInfo;
import io.multiprocessing4j.examples.TimeScale;
import io.multiprocessing4j.tck.CheckRunner;
import java.util.List;
import java.util.Map;

/** The report as one self-contained HTML page: a table and a CSS bar chart of the times. */
final class HtmlPage {
    private static final String[] COLOURS = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2"};

    private final List<BackendInfo> backends;
    private final List<Row> rows;
    private final Map<String, Long> totals;
    private final TimeScale scale;

    HtmlPage(List<BackendInfo> backends, List<Row> rows, Map<String, Long> totals, TimeScale scale) {
        this.backends = backends;
        this.rows = rows;
        this.totals = totals;
        this.scale = scale;
    }

    String render() {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>multiprocessing4j: backends compared</title><style>")
                .append("body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;")
                .append("padding:3px 6px;font-size:13px;vertical-align:top}.PASS{background:#e3f6e3}.FAIL{background:#fbe0e0}")
                .append(".SKIP{background:#eee;color:#777}.bar{height:9px;margin:1px 0}.diff{color:#8a4b00}</style></head><body>")
                .append("<h1>Every seed example on every backend</h1><p>One seed second = ").append(scale.millisPerSecond())
                .append(" ms.</p><h2>Backends</h2><ul>");
        for (int i = 0; i < backends.size(); i++) {
            BackendInfo b = backends.get(i);
            h.append("<li><span style=\"color:").append(colour(i)).append("\">&#9632;</span> <b>").append(esc(b.name())).append("</b>: ")
                    .append(b.available() ? "available" : "unavailable: " + esc(b.unavailabilityReason()))
                    .append("; capabilities ").append(esc(b.capabilities().toString())).append("; total ")
                    .append(totals.get(b.name())).append(" ms</li>");
        }
        h.append("</ul>");
        var differing = CompareReport.differingCapabilities(backends);
        if (!differing.isEmpty()) {
            h.append("<p>Capabilities that tell them apart: ");
            differing.forEach((cap, have) -> h.append("<code>").append(cap).append("</code> (only ").append(esc(have.toString())).append(") "));
            h.append("</p>");
        }
        long max = Math.max(1, rows.stream().flatMap(r -> r.outcomes().values().stream()).mapToLong(CheckRunner.Outcome::millis).max().orElse(1));
        h.append("<h2>Examples</h2><table><tr><th>ID</th><th>example</th>");
        backends.forEach(b -> h.append("<th>").append(esc(b.name())).append("</th>"));
        h.append("<th>time</th><th>differs, and why</th></tr>");
        for (Row r : rows) {
            h.append("<tr><td>").append(r.check().id()).append("</td><td>").append(esc(r.check().title())).append("</td>");
            for (BackendInfo b : backends) {
                String cell = r.cell(b.name());
                String reason = r.reason(b.name());
                h.append("<td class=\"").append(cell.split(" ")[0]).append("\" title=\"").append(esc(reason == null ? "" : reason))
                        .append("\">").append(esc(cell)).append("</td>");
            }
            h.append("<td style=\"width:220px\">");
            for (int i = 0; i < backends.size(); i++) {
                CheckRunner.Outcome o = r.outcomes().get(backends.get(i).name());
                if (o != null && o.status() != CheckRunner.Status.SKIPPED) {
                    h.append("<div class=\"bar\" style=\"background:").append(colour(i)).append(";width:")
                            .append(Math.max(1, 200 * o.millis() / max)).append("px\" title=\"").append(esc(backends.get(i).name()))
                            .append(' ').append(o.millis()).append(" ms\"></div>");
                }
            }
            String diff = r.differences();
            h.append("</td><td class=\"diff\">").append(diff.isEmpty() ? "" : esc(diff) + "<br><i>" + esc(r.check().ours()) + "</i>")
                    .append("</td></tr>");
        }
        h.append("</table>");
        rows.stream().filter(r -> r.check().id().equals("E000-11")).findFirst()
                .ifPresent(r -> h.append("<h2>Process start cost and pids (E000-11)</h2><pre>").append(esc(CompareReport.startCost(r, backends)))
                        .append("</pre>"));
        return h.append("</body></html>\n").toString();
    }

    private static String colour(int i) {
        return COLOURS[i % COLOURS.length];
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
