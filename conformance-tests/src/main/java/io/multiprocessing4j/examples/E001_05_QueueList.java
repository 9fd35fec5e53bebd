package io.multiprocessing4j.examples;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.SharedQueue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * E001-05: the child puts {@code [42, None, 'hello']}, the parent gets it (a null element inside an
 * item is fine: only a null item is refused).
 */
public final class E001_05_QueueList {
    private E001_05_QueueList() {
    }

    static void f(SharedQueue<List<Object>> q) {
        q.put(new ArrayList<>(Arrays.asList(42, null, "hello")));
    }

    /**
     * Runs the example.
     *
     * @param mp the context
     * @param scale the time scale (unused)
     * @return the list received
     */
    public static ExampleResult run(Context mp, TimeScale scale) {
        SharedQueue<List<Object>> q = mp.queue();
        ChildProcess p = mp.process(E001_05_QueueList::f, q);
        p.start();
        List<Object> got = q.get();
        System.out.println(got); // prints "[42, null, hello]"
        p.join();
        return new ExampleResult().put("got", got);
    }

    /** @param args {@code [backend] [millisPerSecond]} @throws Exception if the example fails */
    public static void main(String[] args) throws Exception {
        ExampleMain.run(args, E001_05_QueueList::run);
    }
}
