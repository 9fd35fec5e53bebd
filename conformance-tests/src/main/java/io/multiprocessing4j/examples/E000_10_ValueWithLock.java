package io.multiprocessing4j.examples;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.SharedLock;
import io.multiprocessing4j.SharedValue;

/**
 * E000-10: the same with a {@code Lock} held around each process's whole loop, so each process's
 * five updates are contiguous: the values printed are 3 6 9 12 15 16 17 18 19 20 or
 * 1 2 3 4 5 8 11 14 17 20.
 */
public final class E000_10_ValueWithLock {
    private E000_10_ValueWithLock() {
    }

    static void job(SharedValue v, int num, SharedLock l, TimeScale scale) throws InterruptedException {
        l.acquire();
        for (int i = 0; i < 5; i++) {
            scale.sleep(num);
            v.setInt(v.getInt() + num);
            System.out.println(v.getInt());
        }
        l.release();
    }

    /**
     * Runs the example.
     *
     * @param mp the context
     * @param scale the time scale
     * @return the final value
     */
    public static ExampleResult run(Context mp, TimeScale scale) {
        SharedLock l = mp.lock();
        SharedValue v = mp.value('i', 0);
        ChildProcess p1 = mp.process(() -> job(v, 3, l, scale));
        ChildProcess p2 = mp.process(() -> job(v, 1, l, scale));
        p1.start();
        p2.start();
        p1.join();
        p2.join();
        return new ExampleResult().put("final", v.getInt());
    }

    /** @param args {@code [backend] [millisPerSecond]} @throws Exception if the example fails */
    public static void main(String[] args) throws Exception {
        ExampleMain.run(args, E000_10_ValueWithLock::run);
    }
}
