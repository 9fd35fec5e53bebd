package io.multiprocessing4j.examples;

import io.multiprocessing4j.AsyncResult;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.ProcessPool;
import io.multiprocessing4j.SharedEvent;
import java.time.Duration;
import java.util.List;

/**
 * E004-07: {@code map_async} does not block; {@code get()} does. The seed's tasks sleep two seconds
 * so that the call visibly returns first; the port's tasks wait (at most that long, scaled) for an
 * event the parent sets after checking that the result is not ready yet, so the check never
 * depends on timing.
 */
public final class E004_07_MapAsync {
    private E004_07_MapAsync() {
    }

    static int square(int x, SharedEvent go, TimeScale scale) {
        go.await(scale.seconds(2).plusSeconds(20));
        int result = x * x;
        System.out.println("~~~~~~~~~~");
        return result;
    }

    /**
     * Runs the example.
     *
     * @param mp the context
     * @param scale the time scale
     * @return whether the result was ready when map_async returned, and the result
     */
    public static ExampleResult run(Context mp, TimeScale scale) {
        SharedEvent go = mp.event();
        ProcessPool pool = mp.pool(8);
        long start = System.nanoTime();
        AsyncResult<List<Integer>> result = pool.mapAsync((Integer x) -> square(x, go, scale), List.of(1, 2, 3, 4));
        boolean readyAtReturn = result.ready();
        System.out.printf("总共使用了%.2f%n", (System.nanoTime() - start) / 1e9);
        System.out.println("主程序结束");
        go.set();
        List<Integer> got = result.get(Duration.ofSeconds(60));
        pool.shutdown();
        pool.join();
        return new ExampleResult().put("readyAtReturn", readyAtReturn).put("result", got);
    }

    /** @param args {@code [backend] [millisPerSecond]} @throws Exception if the example fails */
    public static void main(String[] args) throws Exception {
        ExampleMain.run(args, E004_07_MapAsync::run);
    }
}
