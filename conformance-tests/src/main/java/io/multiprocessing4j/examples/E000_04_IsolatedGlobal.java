package io.multiprocessing4j.examples;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Context;

/**
 * E000-04: a global changed in the child stays unchanged in the parent (process backends); on the
 * threads backend memory is shared and the parent sees the change.
 *
 * <pre>
 * n=100
 * def work():
 *     global n; n=0; print("子进程内:",n)
 * p=Process(target=work,); p.start(); p.join(); print("主进程内:",n)
 * </pre>
 */
public final class E000_04_IsolatedGlobal {
    static int n = 100;

    private E000_04_IsolatedGlobal() {
    }

    static void work() {
        n = 0;
        System.out.println("子进程内: " + n);
    }

    /**
     * Runs the example.
     *
     * @param mp the context
     * @param scale the time scale (unused: the seed does not sleep)
     * @return what the parent sees afterwards
     */
    public static ExampleResult run(Context mp, TimeScale scale) {
        n = 100; // a module is imported afresh by every Python run; reset it for repeated runs in one JVM
        ChildProcess p = mp.process(E000_04_IsolatedGlobal::work);
        p.start();
        p.join();
        System.out.println("主进程内: " + n);
        return new ExampleResult().put("parentSees", n);
    }

    /** @param args {@code [backend] [millisPerSecond]} @throws Exception if the example fails */
    public static void main(String[] args) throws Exception {
        ExampleMain.run(args, E000_04_IsolatedGlobal::run);
    }
}
