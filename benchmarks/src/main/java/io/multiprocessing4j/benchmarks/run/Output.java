package io.multiprocessing4j.benchmarks.run;

import io.multiprocessing4j.benchmarks.report.Row;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.openjdk.jmh.results.IterationResult;

/**
 * One figure a JMH benchmark method yields per iteration, named as the Python baseline names it.
 *
 * @param bench the benchmark's name
 * @param variant the variant for a combination of JMH parameters (other than the backend), or null
 * @param pythonVariant the baseline's variant for the same combination, or null
 * @param unit the unit of the figure
 * @param better {@code higher} or {@code lower}
 * @param figure the figure from one iteration's result and the parameters; null if absent
 * @param what what is measured, as the baseline's {@code params.what}
 */
public record Output(String bench, Function<Map<String, String>, String> variant,
        Function<Map<String, String>, String> pythonVariant, String unit, String better,
        Figure figure, String what) {
    /** Checks the names. */
    public Output {
        Objects.requireNonNull(bench, "bench");
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(pythonVariant, "pythonVariant");
        Objects.requireNonNull(figure, "figure");
    }

    /** Turns one JMH iteration into one figure of this output. */
    @FunctionalInterface
    public interface Figure {
        /**
         * @param it the iteration's result
         * @param params the JMH parameters
         * @return the figure, or null when the iteration lacks it
         */
        Double of(IterationResult it, Map<String, String> params);
    }

    /**
     * @param params a combination of JMH parameters
     * @return the comparison row it fills
     */
    public Row row(Map<String, String> params) {
        return new Row(bench, variant.apply(params), bench, pythonVariant.apply(params));
    }

    /** @return a figure: the primary score as JMH reports it */
    public static Figure score() {
        return (it, p) -> it.getPrimaryResult().getScore();
    }

    /**
     * @param factor what to multiply by
     * @return a figure: the primary score times {@code factor} (e.g. messages/s to MB/s)
     */
    public static Figure scaled(double factor) {
        return (it, p) -> it.getPrimaryResult().getScore() * factor;
    }

    /**
     * @param name a secondary result ({@code @AuxCounters} field)
     * @return a figure: that secondary result, if present
     */
    public static Figure secondary(String name) {
        return (it, p) -> {
            var r = it.getSecondaryResults().get(name);
            return r == null ? null : r.getScore();
        };
    }
}
