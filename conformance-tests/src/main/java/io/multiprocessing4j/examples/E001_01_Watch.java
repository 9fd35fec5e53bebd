package io.multiprocessing4j.examples;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Context;

/**
 * E001-01: one process, "Mike", looks at his watch; the parent joins it.
 *
 * <pre>
 * p=multiprocessing.Process(target=watch,args=("Mike",)); p.start(); p.join()
 * </pre>
 */
public final class E001_01_Watch {
    private E001_01_Watch() {
    }

    static void watch(String owner, TimeScale scale) throws InterruptedException {
        System.out.println(owner + " is looking at his/her watch");
        scale.sleep(3);
        String now = PyTime.ctime();
        System.out.println(owner + "'s Watch says it is " + now);
    }

    /**
     * Runs the example.
     *
     * @param mp the context
     * @param scale the time scale
     * @return the exit code
     */
    public static ExampleResult run(Context mp, TimeScale scale) {
        ChildProcess p = mp.process(E001_01_Watch::watch, "Mike", scale);
        p.start();
        p.join();
        return new ExampleResult().put("exitCode", p.exitCode());
    }

    /** @param args {@code [backend] [millisPerSecond]} @throws Exception if the example fails */
    public static void main(String[] args) throws Exception {
        ExampleMain.run(args, E001_01_Watch::run);
    }
}
