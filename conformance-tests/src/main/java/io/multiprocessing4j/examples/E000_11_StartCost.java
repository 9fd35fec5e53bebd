package io.multiprocessing4j.examples;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Context;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * E000-11: the seed's closing notes: starting a thread is cheap, starting a process is not; threads
 * share their process's pid, processes each have their own. Measures start-to-end of a trivial
 * process and collects the pids.
 */
public final class E000_11_StartCost {
    /** How many processes are measured. */
    static final int RUNS = 5;

    private E000_11_StartCost() {
    }

    /**
     * Runs the example.
     *
     * @param mp the context
     * @param scale the time scale (unused)
     * @return the mean start+join time in ms, the children's pids and the parent's
     */
    public static ExampleResult run(Context mp, TimeScale scale) {
        List<Long> pids = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < RUNS; i++) {
            long t0 = System.nanoTime();
            ChildProcess p = mp.process(() -> { }).start();
            p.join();
            total += System.nanoTime() - t0;
            pids.add(p.pid());
        }
        double meanMs = total / 1e6 / RUNS;
        Set<Long> distinct = new LinkedHashSet<>(pids);
        System.out.printf("start+join of a process: %.2f ms (mean of %d); parent pid %d; child pids %s%n",
                meanMs, RUNS, PyTime.getpid(), pids);
        return new ExampleResult().put("meanStartMs", Math.round(meanMs * 100) / 100.0)
                .put("parentPid", PyTime.getpid()).put("childPids", pids).put("distinctPids", distinct.size());
    }

    /** @param args {@code [backend] [millisPerSecond]} @throws Exception if the example fails */
    public static void main(String[] args) throws Exception {
        ExampleMain.run(args, E000_11_StartCost::run);
    }
}
