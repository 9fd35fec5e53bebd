package io.multiprocessing4j.examples;

import io.multiprocessing4j.Context;
import io.multiprocessing4j.ProcessPool;
import java.util.List;

/**
 * E002-07: {@code pool.map(fun, [1,2,3,4,5])} with the default pool size (the CPU count).
 */
public final class E002_07_PoolMap {
    private E002_07_PoolMap() {
    }

    static int fun(int n, TimeScale scale) throws InterruptedException {
        scale.sleep(1);
        return n * n;
    }

    /**
     * Runs the example.
     *
     * @param mp the context
     * @param scale the time scale
     * @return the results and the pool's size
     */
    public static ExampleResult run(Context mp, TimeScale scale) {
        ProcessPool pool = mp.pool();
        List<Integer> r = pool.map((Integer n) -> fun(n, scale), List.of(1, 2, 3, 4, 5));
        int size = pool.processes();
        pool.shutdown();
        pool.join();
        System.out.println(r);
        return new ExampleResult().put("result", r).put("processes", size);
    }

    /** @param args {@code [backend] [millisPerSecond]} @throws Exception if the example fails */
    public static void main(String[] args) throws Exception {
        ExampleMain.run(args, E002_07_PoolMap::run);
    }
}
