package io.multiprocessing4j.benchmarks.report;

import java.util.Locale;

/** Number formatting shared by the text table and the HTML page. */
public final class Format {
    private Format() {
    }

    /**
     * Four significant digits, without an exponent for the magnitudes benchmarks produce.
     *
     * @param x a number
     * @return it, formatted
     */
    public static String number(double x) {
        if (Double.isNaN(x)) {
            return "-";
        }
        double a = Math.abs(x);
        if (a != 0 && (a >= 1e9 || a < 1e-3)) {
            return String.format(Locale.ROOT, "%.3e", x);
        }
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", x);
        }
        String s = String.format(Locale.ROOT, "%.4g", x);
        if (s.contains(".") && !s.contains("e")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }

    /**
     * @param ratio a ratio
     * @return it with a {@code ×}, e.g. {@code 0.42×}
     */
    public static String ratio(double ratio) {
        return number(ratio) + "×";
    }

    /**
     * Shortens a reason for a table cell.
     *
     * @param text the reason
     * @param max the longest result
     * @return the text, cut with an ellipsis if longer than {@code max}
     */
    public static String shorten(String text, int max) {
        String t = text.replaceAll("\\s+", " ").strip();
        return t.length() <= max ? t : t.substring(0, Math.max(0, max - 1)) + "…";
    }
}
