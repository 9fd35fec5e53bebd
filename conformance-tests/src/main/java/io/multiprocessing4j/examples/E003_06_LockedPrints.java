package io.multiprocessing4j.examples;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.SharedLock;
import java.util.ArrayList;
import java.util.List;

/**
 * E003-06: ten processes print under a {@code Lock} (the 003 seed's version, without try/finally).
 * The seed does not join; the port does.
 */
public final class E003_06_LockedPrints {
    private E003_06_LockedPrints() {
    }

    static void f(SharedLock l, int i) {
        l.acquire();
        System.out.println("hello world " + i);
        l.release();
    }

    /**
     * Runs the example.
     *
     * @param mp the context
     * @param scale the time scale (unused)
     * @return the exit codes
     */
    public static ExampleResult run(Context mp, TimeScale scale) {
        SharedLock lock = mp.lock();
        List<ChildProcess> ps = new ArrayList<>();
        for (int num = 0; num < 10; num++) {
            ps.add(mp.process(E003_06_LockedPrints::f, lock, num).start());
        }
        List<Integer> codes = new ArrayList<>();
        for (ChildProcess p : ps) {
            p.join();
            codes.add(p.exitCode());
        }
        return new ExampleResult().put("exitCodes", codes);
    }

    /** @param args {@code [backend] [millisPerSecond]} @throws Exception if the example fails */
    public static void main(String[] args) throws Exception {
        ExampleMain.run(args, E003_06_LockedPrints::run);
    }
}
