package io.multiprocessing4j.examples;

import io.multiprocessing4j.AsyncResult;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.ProcessPool;
import io.multiprocessing4j.SharedEvent;
import java.time.Duration;

/**
 * E003-08: the pool's methods: {@code apply}, {@code apply_async}, {@code join} before
 * {@code close}/{@code terminate} (fails clearly), {@code terminate} (stops running work),
 * {@code close}, {@code join}.
 */
public final class E003_08_PoolMethods {
    private E003_08_PoolMethods() {
    }

    static String slow(SharedEvent started, TimeScale scale) throws InterruptedException {
        started.set();
        scale.sleep(1000);
        return "finished";
    }

    /**
     * Runs the example.
     *
     * @param mp the context
     * @param scale the time scale
     * @return apply's result, the error of an early join, what terminate did to running work
     */
    public static ExampleResult run(Context mp, TimeScale scale) {
        ExampleResult r = new ExampleResult();
        ProcessPool pool = mp.pool(2);
        r.put("apply", pool.apply((Integer x) -> x * 2, 21));
        r.put("applyAsync", pool.applyAsync((Integer x) -> x + 1, 41).get());
        try {
            pool.join();
            r.put("joinBeforeClose", "returned");
        } catch (IllegalStateException e) {
            r.put("joinBeforeClose", "IllegalStateException");
        }
        SharedEvent started = mp.event();
        AsyncResult<String> running = pool.applyAsync(() -> slow(started, scale));
        started.await(Duration.ofSeconds(30));
        long t0 = System.nanoTime();
        pool.terminate();
        r.put("joinedAfterTerminate", pool.join(Duration.ofSeconds(30)));
        r.put("terminateMs", (System.nanoTime() - t0) / 1_000_000);
        String outcome;
        try {
            outcome = "result " + running.get(Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            outcome = e.getClass().getSimpleName();
        }
        r.put("runningTask", outcome);
        System.out.println(r);
        return r;
    }

    /** @param args {@code [backend] [millisPerSecond]} @throws Exception if the example fails */
    public static void main(String[] args) throws Exception {
        ExampleMain.run(args, E003_08_PoolMethods::run);
    }
}
