package io.multiprocessing4j.examples;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.SharedArray;
import io.multiprocessing4j.SharedEvent;
import io.multiprocessing4j.SharedLock;
import io.multiprocessing4j.SharedMutex;
import io.multiprocessing4j.SharedValue;

/**
 * E002-15: a {@code Lock} keeps {@code a == b} for a checker. The seed loops forever; the port's
 * writer makes 20000 increments and the checker (a child process) checks until the writer is done,
 * so both end.
 */
public final class E002_15_LockedPair {
    private E002_15_LockedPair() {
    }

    /** How many increments the writer makes. */
    public static final int ROUNDS = 20_000;

    static void value(SharedArray ab, SharedLock lock, SharedEvent done, SharedValue mismatches, SharedValue checks) {
        long n = 0;
        while (!done.isSet() || n == 0) {
            lock.acquire();
            int a = ab.getInt(0);
            int b = ab.getInt(1);
            if (a != b) {
                System.out.printf("a = %d,b = %d%n", a, b);
                mismatches.addAndGet(1);
            }
            lock.release();
            n++;
        }
        checks.setLong(n);
    }

    /**
     * Runs the example.
     *
     * @param mp the context
     * @param scale the time scale (unused)
     * @return how many times the checker saw {@code a != b}, and how often it looked
     */
    public static ExampleResult run(Context mp, TimeScale scale) {
        SharedArray ab = mp.array('i', 2);
        SharedLock lock = mp.lock();
        SharedEvent done = mp.event();
        SharedValue mismatches = mp.value('i', 0);
        SharedValue checks = mp.value('q', 0);
        ChildProcess t = mp.process(() -> value(ab, lock, done, mismatches, checks));
        t.start();
        for (int i = 0; i < ROUNDS; i++) {
            try (SharedMutex.Held h = lock.held()) {
                ab.setInt(0, ab.getInt(0) + 1);
                ab.setInt(1, ab.getInt(1) + 1);
            }
        }
        done.set();
        t.join();
        return new ExampleResult().put("mismatches", mismatches.getInt()).put("checks", checks.getLong())
                .put("a", ab.getInt(0)).put("b", ab.getInt(1));
    }

    /** @param args {@code [backend] [millisPerSecond]} @throws Exception if the example fails */
    public static void main(String[] args) throws Exception {
        ExampleMain.run(args, E002_15_LockedPair::run);
    }
}
