package io.multiprocessing4j.examples;

import io.multiprocessing4j.Context;
import io.multiprocessing4j.ProcessPool;
import java.util.concurrent.ThreadLocalRandom;

/**
 * E000-08: {@code Pool(4)}, five {@code apply_async(long_time_test)} with random sleeps, then
 * {@code close()} and {@code join()}. A {@link Gauge} in shared memory counts how many tasks run at
 * once (the seed shows it only through its output).
 */
public final class E000_08_PoolApplyAsync {
    private E000_08_PoolApplyAsync() {
    }

    static Object longTimeTest(int name, Gauge gauge, TimeScale scale) throws InterruptedException {
        gauge.enter();
        System.out.printf("Run task %s (%s)...%n", name, PyTime.getpid());
        long start = System.nanoTime();
        scale.sleep(ThreadLocalRandom.current().nextDouble() * 3);
        System.out.printf("Task %s runs %.2f seconds.%n", name, (System.nanoTime() - start) / 1e9);
        gauge.leave();
        return null;
    }

    /**
     * Runs the example.
     *
     * @param mp the context
     * @param scale the time scale
     * @return the peak concurrency and how many tasks had run when "All subprocess done." printed
     */
    public static ExampleResult run(Context mp, TimeScale scale) {
        System.out.printf("Parent process %s.%n", PyTime.getpid());
        Gauge gauge = Gauge.create(mp);
        ProcessPool p = mp.pool(4);
        for (int i = 0; i < 5; i++) {
            int name = i;
            p.applyAsync(() -> longTimeTest(name, gauge, scale));
        }
        System.out.println("Waiting for all subprocess done...");
        p.shutdown();
        p.join();
        int done = gauge.enteredValue() - gauge.inside().getInt();
        System.out.println("All subprocess done.");
        return new ExampleResult().put("peak", gauge.peakValue()).put("doneBeforeEnd", done);
    }

    /** @param args {@code [backend] [millisPerSecond]} @throws Exception if the example fails */
    public static void main(String[] args) throws Exception {
        ExampleMain.run(args, E000_08_PoolApplyAsync::run);
    }
}
