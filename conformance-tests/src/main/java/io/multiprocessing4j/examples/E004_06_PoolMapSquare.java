package io.multiprocessing4j.examples;

import io.multiprocessing4j.Context;
import io.multiprocessing4j.ProcessPool;
import java.util.List;

/**
 * E004-06: {@code Pool(9).map(square, [1, 2, 3, 4])} gives {@code [1, 4, 9, 16]}, computed in
 * parallel (a {@link Gauge} reports how many ran at once).
 */
public final class E004_06_PoolMapSquare {
    private E004_06_PoolMapSquare() {
    }

    static int square(int x, Gauge gauge, TimeScale scale) throws InterruptedException {
        gauge.enter();
        int result = x * x;
        scale.sleep(1);
        gauge.leave();
        return result;
    }

    /**
     * Runs the example.
     *
     * @param mp the context
     * @param scale the time scale
     * @return the result, the peak concurrency and the time in ms
     */
    public static ExampleResult run(Context mp, TimeScale scale) {
        long start = System.nanoTime();
        Gauge gauge = Gauge.create(mp);
        ProcessPool pool = mp.pool(9);
        List<Integer> result = pool.map((Integer x) -> square(x, gauge, scale), List.of(1, 2, 3, 4));
        System.out.println(result);
        pool.shutdown();
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("总共使用了%.2f%n", ms / 1000.0);
        pool.join();
        return new ExampleResult().put("result", result).put("peak", gauge.peakValue()).put("ms", ms);
    }

    /** @param args {@code [backend] [millisPerSecond]} @throws Exception if the example fails */
    public static void main(String[] args) throws Exception {
        ExampleMain.run(args, E004_06_PoolMapSquare::run);
    }
}
