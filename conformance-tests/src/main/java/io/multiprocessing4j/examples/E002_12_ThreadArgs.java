package io.multiprocessing4j.examples;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Context;
import java.util.ArrayList;
import java.util.List;

/**
 * E002-12: the seed's threads with {@code args} and {@code kwargs}, as processes (the backend decides
 * whether they are threads): each runs with its own arguments.
 */
public final class E002_12_ThreadArgs {
    private E002_12_ThreadArgs() {
    }

    static void fun(double sec, String name, TimeScale scale) throws InterruptedException {
        System.out.println("线程函数传参");
        scale.sleep(sec);
        System.out.printf("%s线程执行完毕%n", name);
    }

    /**
     * Runs the example.
     *
     * @param mp the context
     * @param scale the time scale
     * @return the exit codes
     */
    public static ExampleResult run(Context mp, TimeScale scale) {
        List<ChildProcess> thread = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ChildProcess t = mp.process((Double sec, String name) -> fun(sec, name, scale), 2.0, "t" + i);
            thread.add(t);
            t.start();
        }
        List<Integer> codes = new ArrayList<>();
        for (ChildProcess t : thread) {
            t.join();
            codes.add(t.exitCode());
        }
        return new ExampleResult().put("exitCodes", codes);
    }

    /** @param args {@code [backend] [millisPerSecond]} @throws Exception if the example fails */
    public static void main(String[] args) throws Exception {
        ExampleMain.run(args, E002_12_ThreadArgs::run);
    }
}
