package io.multiprocessing4j.examples;

import io.multiprocessing4j.AsyncResult;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.ProcessPool;
import java.util.ArrayList;
import java.util.List;

/**
 * E002-06: {@code Pool(4)}, ten {@code apply_async(worker)} returning {@code ctime()}: they run four
 * at a time (waves of 4, 4 and 2); the synchronous {@code apply} runs one at a time. Gauges in
 * shared memory count the tasks running at once.
 */
public final class E002_06_PoolWaves {
    private E002_06_PoolWaves() {
    }

    static String worker(String msg, Gauge gauge, TimeScale scale) throws InterruptedException {
        gauge.enter();
        try {
            scale.sleep(2);
            System.out.println(msg);
            return PyTime.ctime();
        } finally {
            gauge.leave();
        }
    }

    /**
     * Runs the example.
     *
     * @param mp the context
     * @param scale the time scale
     * @return the number of results, the peak of apply_async and the peak of apply
     */
    public static ExampleResult run(Context mp, TimeScale scale) {
        Gauge async = Gauge.create(mp);
        Gauge sync = Gauge.create(mp);
        ProcessPool pool = mp.pool(4);
        List<AsyncResult<String>> result = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String msg = "hello " + i;
            result.add(pool.applyAsync(() -> worker(msg, async, scale)));
        }
        pool.shutdown();
        List<String> times = new ArrayList<>();
        for (AsyncResult<String> r : result) {
            times.add(r.get());
        }
        pool.join();
        times.forEach(System.out::println);
        ProcessPool serial = mp.pool(4);
        for (int i = 0; i < 3; i++) {
            String msg = "hello sync " + i;
            serial.apply(() -> worker(msg, sync, scale));
        }
        serial.shutdown();
        serial.join();
        return new ExampleResult().put("results", times.size()).put("asyncPeak", async.peakValue())
                .put("applyPeak", sync.peakValue());
    }

    /** @param args {@code [backend] [millisPerSecond]} @throws Exception if the example fails */
    public static void main(String[] args) throws Exception {
        ExampleMain.run(args, E002_06_PoolWaves::run);
    }
}
