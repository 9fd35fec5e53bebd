package io.multiprocessing4j.examples;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.SharedQueue;
import java.util.ArrayList;
import java.util.List;

/**
 * E002-09: one process puts {@code (10,2)} five times, another gets three times and prints
 * {@code sum = 12}; two items are left in the queue.
 */
public final class E002_09_QueueSums {
    private E002_09_QueueSums() {
    }

    static void fun1(SharedQueue<int[]> q, TimeScale scale) throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            scale.sleep(1);
            q.put(new int[] {10, 2});
        }
    }

    static void fun2(SharedQueue<int[]> q, TimeScale scale) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            scale.sleep(1.5);
            int[] ab = q.get();
            System.out.println("sum =  " + (ab[0] + ab[1]));
        }
    }

    /**
     * Runs the example.
     *
     * @param mp the context
     * @param scale the time scale
     * @return how many items were left
     */
    public static ExampleResult run(Context mp, TimeScale scale) {
        SharedQueue<int[]> q = mp.queue();
        ChildProcess p1 = mp.process(() -> fun1(q, scale));
        ChildProcess p2 = mp.process(() -> fun2(q, scale));
        p1.start();
        p2.start();
        p1.join();
        p2.join();
        List<int[]> left = new ArrayList<>();
        q.drainTo(left);
        return new ExampleResult().put("left", left.size());
    }

    /** @param args {@code [backend] [millisPerSecond]} @throws Exception if the example fails */
    public static void main(String[] args) throws Exception {
        ExampleMain.run(args, E002_09_QueueSums::run);
    }
}
