package io.multiprocessing4j.examples;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Context;

/**
 * E002-04: a target with arguments, {@code worker(sec, name)}. Java has no keyword arguments: the
 * seed's {@code kwargs={'name':"Levi"}} becomes the second positional argument.
 */
public final class E002_04_WorkerArgs {
    private E002_04_WorkerArgs() {
    }

    static void worker(double sec, String name, TimeScale scale) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            scale.sleep(sec);
            System.out.printf("I'm %s%n", name);
            System.out.println("I'm working...");
        }
    }

    /**
     * Runs the example.
     *
     * @param mp the context
     * @param scale the time scale
     * @return the exit code
     */
    public static ExampleResult run(Context mp, TimeScale scale) {
        ChildProcess p = mp.process((Double sec, String name) -> worker(sec, name, scale), 2.0, "Levi");
        p.start();
        p.join();
        return new ExampleResult().put("exitCode", p.exitCode());
    }

    /** @param args {@code [backend] [millisPerSecond]} @throws Exception if the example fails */
    public static void main(String[] args) throws Exception {
        ExampleMain.run(args, E002_04_WorkerArgs::run);
    }
}
