package io.multiprocessing4j.examples;

import io.multiprocessing4j.Context;
import io.multiprocessing4j.ProcessPool;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * E003-07: {@code Pool(5)}, ten {@code apply_async(Foo, callback=Bar)}: every callback runs in the
 * parent (the seed prints the parent's pid in each) with the result "ok". The callbacks here also
 * append to a plain local list, which only code running in the parent can fill.
 */
public final class E003_07_PoolCallbacks {
    private E003_07_PoolCallbacks() {
    }

    static String foo(int i, TimeScale scale) throws InterruptedException {
        scale.sleep(2);
        System.out.println("进程: " + PyTime.getpid());
        return "ok";
    }

    /**
     * Runs the example.
     *
     * @param mp the context
     * @param scale the time scale
     * @return how many callbacks ran in the parent, with which results and pids
     */
    public static ExampleResult run(Context mp, TimeScale scale) {
        System.out.println("父进程: " + PyTime.getpid());
        List<String> results = Collections.synchronizedList(new ArrayList<>());
        List<Long> pids = Collections.synchronizedList(new ArrayList<>());
        ProcessPool pool = mp.pool(5);
        for (int i = 0; i < 10; i++) {
            int n = i;
            pool.applyAsync(() -> foo(n, scale), (String arg) -> {
                System.out.println("-->exec done: " + arg + " " + PyTime.getpid());
                results.add(arg);
                pids.add(PyTime.getpid());
            }, null);
        }
        pool.shutdown();
        pool.join();
        return new ExampleResult().put("callbacks", results.size()).put("results", List.copyOf(results))
                .put("allInParent", pids.stream().allMatch(p -> p == PyTime.getpid()));
    }

    /** @param args {@code [backend] [millisPerSecond]} @throws Exception if the example fails */
    public static void main(String[] args) throws Exception {
        ExampleMain.run(args, E003_07_PoolCallbacks::run);
    }
}
