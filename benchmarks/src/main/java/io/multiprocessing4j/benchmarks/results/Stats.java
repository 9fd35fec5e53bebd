package io.multiprocessing4j.benchmarks.results;

import java.util.Arrays;
import java.util.List;

/** Summary statistics as the Python baseline computes them. */
public final class Stats {
    private Stats() {
    }

    /**
     * The median, as Python's {@code statistics.median}: the mean of the two middle values of an
     * even count.
     *
     * @param values the values
     * @return their median
     * @throws IllegalArgumentException if {@code values} is empty
     */
    public static double median(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("median of no values");
        }
        double[] a = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = a.length;
        return n % 2 == 1 ? a[n / 2] : (a[n / 2 - 1] + a[n / 2]) / 2;
    }

    /**
     * Rounds to six significant digits, as the baseline's {@code float("%.6g" % x)}.
     *
     * @param x a number
     * @return it, rounded
     */
    public static double round6(double x) {
        if (x == 0 || !Double.isFinite(x)) {
            return x;
        }
        return Double.parseDouble(String.format(java.util.Locale.ROOT, "%.6g", x));
    }

    /**
     * @param values the values
     * @return their minimum
     * @throws IllegalArgumentException if {@code values} is empty
     */
    public static double min(List<Double> values) {
        return sorted(values)[0];
    }

    /**
     * @param values the values
     * @return their maximum
     * @throws IllegalArgumentException if {@code values} is empty
     */
    public static double max(List<Double> values) {
        double[] a = sorted(values);
        return a[a.length - 1];
    }

    private static double[] sorted(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        double[] a = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a;
    }
}
