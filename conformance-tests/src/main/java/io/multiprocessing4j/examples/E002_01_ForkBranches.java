package io.multiprocessing4j.examples;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Context;

/**
 * E002-01: {@code os.fork()}: the child branch and the parent branch each run once, and both print
 * the tail line. Java cannot fork a running JVM: the port runs the {@code pid == 0} branch (and the
 * tail) in a child process and the {@code else} branch (and the tail) in the parent, which joins
 * the child so that its output is in before the example returns.
 */
public final class E002_01_ForkBranches {
    private E002_01_ForkBranches() {
    }

    static void childBranch(TimeScale scale) throws InterruptedException {
        scale.sleep(2);
        System.out.println("New process");
        System.out.println("fork test end...");
    }

    /**
     * Runs the example.
     *
     * @param mp the context
     * @param scale the time scale
     * @return the child's exit code
     */
    public static ExampleResult run(Context mp, TimeScale scale) throws InterruptedException {
        ChildProcess pid = mp.process(E002_01_ForkBranches::childBranch, scale).start();
        scale.sleep(3);
        System.out.println("The old process");
        System.out.println("fork test end...");
        pid.join();
        return new ExampleResult().put("childExit", pid.exitCode());
    }

    /** @param args {@code [backend] [millisPerSecond]} @throws Exception if the example fails */
    public static void main(String[] args) throws Exception {
        ExampleMain.run(args, E002_01_ForkBranches::run);
    }
}
