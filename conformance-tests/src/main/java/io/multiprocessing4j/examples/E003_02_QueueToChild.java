package io.multiprocessing4j.examples;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.SharedQueue;

/**
 * E003-02: the parent puts 123, the child gets and prints it. The seed does not join; the port does.
 */
public final class E003_02_QueueToChild {
    private E003_02_QueueToChild() {
    }

    static void func(SharedQueue<Integer> a) {
        System.out.println("这是子进程: " + a.get());
    }

    /**
     * Runs the example.
     *
     * @param mp the context
     * @param scale the time scale (unused)
     * @return the exit code
     */
    public static ExampleResult run(Context mp, TimeScale scale) {
        SharedQueue<Integer> q = mp.queue();
        q.put(123);
        ChildProcess p = mp.process(E003_02_QueueToChild::func, q);
        p.start();
        p.join();
        return new ExampleResult().put("exitCode", p.exitCode());
    }

    /** @param args {@code [backend] [millisPerSecond]} @throws Exception if the example fails */
    public static void main(String[] args) throws Exception {
        ExampleMain.run(args, E003_02_QueueToChild::run);
    }
}
