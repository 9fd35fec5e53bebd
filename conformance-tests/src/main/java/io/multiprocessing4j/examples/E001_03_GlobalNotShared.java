package io.multiprocessing4j.examples;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Context;

/**
 * E001-03: the parent cannot read a global the child set: Python fails with
 * {@code NameError: name 'now' is not defined}; the port prints that error when it sees no value.
 * On the threads backend memory is shared and the parent sees the child's value.
 */
public final class E001_03_GlobalNotShared {
    private E001_03_GlobalNotShared() {
    }

    static String now;

    static void watch(String owner, TimeScale scale) throws InterruptedException {
        System.out.println(owner + "(" + PyTime.getpid() + ") is looking at his/her watch");
        scale.sleep(3);
        now = PyTime.ctime();
        System.out.println(owner + "(" + PyTime.getpid() + ")'s Watch says it is " + now);
    }

    /**
     * Runs the example.
     *
     * @param mp the context
     * @param scale the time scale
     * @return what the parent sees in the global (null: nothing)
     */
    public static ExampleResult run(Context mp, TimeScale scale) {
        now = null; // fresh for each run in one JVM, as a fresh Python module
        System.out.println("I(" + PyTime.getpid() + ") am asking time.");
        ChildProcess p = mp.process(E001_03_GlobalNotShared::watch, "Mike", scale);
        p.start();
        p.join();
        String seen = now;
        if (seen == null) {
            System.out.println("NameError: name 'now' is not defined");
        } else {
            System.out.println("I see Mike's watch says: " + seen);
        }
        return new ExampleResult().put("parentSees", seen);
    }

    /** @param args {@code [backend] [millisPerSecond]} @throws Exception if the example fails */
    public static void main(String[] args) throws Exception {
        ExampleMain.run(args, E001_03_GlobalNotShared::run);
    }
}
