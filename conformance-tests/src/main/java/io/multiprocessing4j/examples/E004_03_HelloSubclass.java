package io.multiprocessing4j.examples;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Context;

/**
 * E004-03: a {@code MyProcess} subclass whose {@code run()} prints "hello", started twice. The seed
 * does not join; the port does.
 */
public final class E004_03_HelloSubclass {
    private E004_03_HelloSubclass() {
    }

    /** The seed's {@code MyProcess}. */
    static final class MyProcess extends ChildProcess {
        MyProcess(Context mp) {
            super(mp);
        }

        @Override
        public void run() {
            System.out.println("hello");
        }
    }

    /**
     * Runs the example.
     *
     * @param mp the context
     * @param scale the time scale (unused)
     * @return the exit codes
     */
    public static ExampleResult run(Context mp, TimeScale scale) {
        ChildProcess p1 = new MyProcess(mp);
        ChildProcess p2 = new MyProcess(mp);
        p1.start();
        p2.start();
        p1.join();
        p2.join();
        return new ExampleResult().put("exitCodes", p1.exitCode() + "," + p2.exitCode());
    }

    /** @param args {@code [backend] [millisPerSecond]} @throws Exception if the example fails */
    public static void main(String[] args) throws Exception {
        ExampleMain.run(args, E004_03_HelloSubclass::run);
    }
}
