package io.multiprocessing4j.examples;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.SharedValue;

/**
 * E000-09: two processes add to a shared {@code Value} without a {@code Lock} around their loops.
 *
 * <p>The seed's {@code v.value+=num} is a read then a write: when both processes update at the same
 * moment (both do at t=3 s) one update can be lost, and the seed printed 20 by luck. The port keeps
 * the intent (no lock held around the loop, prints interleave) with the atomic
 * {@link SharedValue#addAndGet}, so the final 20 holds on every run.
 */
public final class E000_09_ValueWithoutLock {
    private E000_09_ValueWithoutLock() {
    }

    static void job(SharedValue v, int num, TimeScale scale) throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            scale.sleep(num);
            long now = v.addAndGet(num);
            System.out.println("curr process " + PyTime.getpid() + " " + now);
        }
    }

    /**
     * Runs the example.
     *
     * @param mp the context
     * @param scale the time scale
     * @return the final value
     */
    public static ExampleResult run(Context mp, TimeScale scale) {
        SharedValue v = mp.value('i', 0);
        ChildProcess p1 = mp.process(() -> job(v, 1, scale));
        ChildProcess p2 = mp.process(() -> job(v, 3, scale));
        p1.start();
        p2.start();
        p1.join();
        p2.join();
        return new ExampleResult().put("final", v.getInt());
    }

    /** @param args {@code [backend] [millisPerSecond]} @throws Exception if the example fails */
    public static void main(String[] args) throws Exception {
        ExampleMain.run(args, E000_09_ValueWithoutLock::run);
    }
}
