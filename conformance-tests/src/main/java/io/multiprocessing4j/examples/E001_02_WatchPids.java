package io.multiprocessing4j.examples;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Context;

/**
 * E001-02: the same, printing the pids of the parent and the child.
 */
public final class E001_02_WatchPids {
    private E001_02_WatchPids() {
    }

    static void watch(String owner, TimeScale scale) throws InterruptedException {
        System.out.println(owner + "(" + PyTime.getpid() + ") is looking at his/her watch");
        scale.sleep(3);
        String now = PyTime.ctime();
        System.out.println(owner + "(" + PyTime.getpid() + ")'s Watch says it is " + now);
    }

    /**
     * Runs the example.
     *
     * @param mp the context
     * @param scale the time scale
     * @return the parent's pid and the child's
     */
    public static ExampleResult run(Context mp, TimeScale scale) {
        System.out.println("I(" + PyTime.getpid() + ") am asking time.");
        ChildProcess p = mp.process(E001_02_WatchPids::watch, "Mike", scale);
        p.start();
        p.join();
        return new ExampleResult().put("parentPid", PyTime.getpid()).put("childPid", p.pid());
    }

    /** @param args {@code [backend] [millisPerSecond]} @throws Exception if the example fails */
    public static void main(String[] args) throws Exception {
        ExampleMain.run(args, E001_02_WatchPids::run);
    }
}
