package io.multiprocessing4j.examples;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Context;

/**
 * E003-01: {@code Process(target=f, args=('bob',))} prints "hello bob".
 */
public final class E003_01_HelloBob {
    private E003_01_HelloBob() {
    }

    static void f(String name) {
        System.out.println("hello " + name);
    }

    /**
     * Runs the example.
     *
     * @param mp the context
     * @param scale the time scale (unused)
     * @return the exit code
     */
    public static ExampleResult run(Context mp, TimeScale scale) {
        ChildProcess p = mp.process(E003_01_HelloBob::f, "bob");
        p.start();
        p.join();
        return new ExampleResult().put("exitCode", p.exitCode());
    }

    /** @param args {@code [backend] [millisPerSecond]} @throws Exception if the example fails */
    public static void main(String[] args) throws Exception {
        ExampleMain.run(args, E003_01_HelloBob::run);
    }
}
