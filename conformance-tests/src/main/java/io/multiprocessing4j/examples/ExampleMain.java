package io.multiprocessing4j.examples;

import io.multiprocessing4j.Context;
import io.multiprocessing4j.Multiprocessing;

/**
 * Runs an example from the command line: {@code [backend] [millisPerSecond]}, for example
 * {@code java ... E000_05_QueueBasics threads 1000}. Without arguments it uses the default backend
 * and the seed's real timing.
 */
public final class ExampleMain {
    /** An example's body, as every example exposes it. */
    @FunctionalInterface
    public interface Body {
        /**
         * Runs the example.
         *
         * @param mp the context to run it on
         * @param scale the time scale
         * @return what it observed
         * @throws Exception anything the example throws
         */
        ExampleResult run(Context mp, TimeScale scale) throws Exception;
    }

    private ExampleMain() {
    }

    /**
     * Parses the arguments, opens the context, runs the example and closes the context.
     *
     * @param args {@code [backend] [millisPerSecond]}
     * @param body the example
     * @throws Exception whatever the example throws
     * @throws NumberFormatException if the scale is not a number
     */
    public static void run(String[] args, Body body) throws Exception {
        TimeScale scale = args.length > 1 ? new TimeScale(Long.parseLong(args[1])) : TimeScale.REAL;
        try (Context mp = args.length > 0 ? Multiprocessing.context(args[0]) : Multiprocessing.context()) {
            body.run(mp, scale);
        }
    }
}
