package io.multiprocessing4j.examples;

import io.multiprocessing4j.Context;
import io.multiprocessing4j.QueueFullException;
import io.multiprocessing4j.SharedQueue;
import java.util.ArrayList;
import java.util.List;

/**
 * E000-05: {@code Queue(3)}: put 1, 2, 3; {@code full()}; get three times; {@code empty()}. The
 * seed's commented-out 4th put ("再放就阻塞住了", it would block) is made with a timeout here, so it
 * fails with the "full" error instead of blocking.
 */
public final class E000_05_QueueBasics {
    private E000_05_QueueBasics() {
    }

    /**
     * Runs the example.
     *
     * @param mp the context
     * @param scale the time scale (the 4th put waits one seed second)
     * @return full(), the items got, empty() and whether the 4th put failed as full
     */
    public static ExampleResult run(Context mp, TimeScale scale) {
        SharedQueue<Integer> q = mp.queue(3);
        q.put(1);
        q.put(2);
        q.put(3);
        boolean full = q.full();
        System.out.println(full ? "True" : "False");
        boolean fourthFull;
        try {
            q.put(4, scale.seconds(1));
            fourthFull = false;
        } catch (QueueFullException e) {
            System.out.println("queue.Full");
            fourthFull = true;
        }
        List<Integer> got = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Integer item = q.get();
            got.add(item);
            System.out.println(item);
        }
        boolean empty = q.empty();
        System.out.println(empty ? "True" : "False");
        return new ExampleResult().put("full", full).put("got", got).put("empty", empty).put("fourthPutFull", fourthFull);
    }

    /** @param args {@code [backend] [millisPerSecond]} @throws Exception if the example fails */
    public static void main(String[] args) throws Exception {
        ExampleMain.run(args, E000_05_QueueBasics::run);
    }
}
