package io.multiprocessing4j.benchmarks.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Finds why benchmarks failed in a JMH log. */
public final class FailureLog {
    private FailureLog() {
    }

    /**
     * Reads a JMH log: each {@code # Parameters: (a = x, b = y)} line opens a section; the first
     * exception after {@code <failure>} in it is its reason, with the deepest {@code Caused by}
     * appended when there is one.
     *
     * @param lines the log's lines
     * @return reasons keyed by the sorted parameter map's {@code toString()}
     */
    public static Map<String, String> parse(List<String> lines) {
        Map<String, String> out = new LinkedHashMap<>();
        String key = null;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.startsWith("# Parameters: (")) {
                key = paramsKey(l.substring("# Parameters: (".length(), l.lastIndexOf(')')));
            } else if (l.strip().endsWith("<failure>") && key != null && !out.containsKey(key)) {
                String first = null;
                String cause = null;
                for (int j = i + 1; j < lines.size(); j++) {
                    String t = lines.get(j).strip();
                    if (t.startsWith("# ") || t.startsWith("Iteration ")) {
                        break;
                    }
                    if (first == null && !t.isEmpty()) {
                        first = t;
                    } else if (t.startsWith("Caused by: ")) {
                        cause = t.substring("Caused by: ".length());
                    }
                }
                if (first != null) {
                    out.put(key, simplify(first) + (cause == null ? "" : "; caused by " + simplify(cause)));
                }
            }
        }
        return out;
    }

    /** Drops the package from an exception's class name: {@code UnsupportedOperationException: ...}. */
    private static String simplify(String exceptionLine) {
        int colon = exceptionLine.indexOf(':');
        String cls = colon < 0 ? exceptionLine : exceptionLine.substring(0, colon);
        if (cls.contains(" ") || !cls.contains(".")) {
            return exceptionLine;
        }
        return cls.substring(cls.lastIndexOf('.') + 1) + (colon < 0 ? "" : exceptionLine.substring(colon));
    }

    /**
     * @param inner {@code a = x, b = y}
     * @return the sorted map's {@code toString()}
     */
    static String paramsKey(String inner) {
        Map<String, String> m = new TreeMap<>();
        for (String part : inner.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                m.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
            }
        }
        return m.toString();
    }
}
