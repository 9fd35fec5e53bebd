package io.multiprocessing4j.examples;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.QueueEmptyException;
import io.multiprocessing4j.SharedQueue;
import java.util.ArrayList;
import java.util.List;

/**
 * E004-02: a list given to two processes is duplicated work (each child pops from its own copy);
 * a Queue splits the work (each item once).
 * <p>On the threads backend the list is one shared object, so the port guards its pops with
 * {@code synchronized} (two threads popping a plain list is a data race in Java). Bug fixed: the
 * seed's {@code while not q.empty(): q.get()} blocks forever when the other worker takes the last
 * item between the two calls; the port takes with {@code get_nowait()} and stops on
 * {@code queue.Empty}.
 */
public final class E004_02_ListVersusQueue {
    private E004_02_ListVersusQueue() {
    }

    static void work(String who, List<String> q) {
        System.out.println("这个是" + who + "中的参数q的id:  " + System.identityHashCode(q));
        while (true) {
            String item;
            synchronized (q) {
                if (q.isEmpty()) {
                    break;
                }
                item = q.remove(q.size() - 1);
            }
            System.out.println(who + " 从q中获得了 " + item);
        }
    }

    static void workQueue(String who, SharedQueue<String> q, TimeScale scale) throws InterruptedException {
        scale.sleep(0.5);
        System.out.println("这个是" + who + "中的参数q的id:  " + System.identityHashCode(q));
        while (true) {
            try {
                System.out.println(who + " 从q中获得了 " + q.getNowait());
            } catch (QueueEmptyException e) {
                break;
            }
        }
    }

    /**
     * Runs the example.
     *
     * @param mp the context
     * @param scale the time scale
     * @return the exit codes (the output shows who got what)
     */
    public static ExampleResult run(Context mp, TimeScale scale) {
        List<String> q = new ArrayList<>(List.of("a", "b", "c"));
        ChildProcess p1 = mp.process(() -> work("work1", q));
        ChildProcess p2 = mp.process(() -> work("work2", q));
        p1.start();
        p2.start();
        System.out.println("主进程运行完毕!");
        p1.join();
        p2.join();

        SharedQueue<String> sq = mp.queue();
        sq.put("a");
        sq.put("b");
        sq.put("c");
        ChildProcess p3 = mp.process(() -> workQueue("work3", sq, scale));
        ChildProcess p4 = mp.process(() -> workQueue("work4", sq, scale));
        p3.start();
        p4.start();
        p3.join();
        p4.join();
        System.out.println("主进程运行完毕!");
        return new ExampleResult().put("exitCodes", List.of(p1.exitCode(), p2.exitCode(), p3.exitCode(), p4.exitCode()));
    }

    /** @param args {@code [backend] [millisPerSecond]} @throws Exception if the example fails */
    public static void main(String[] args) throws Exception {
        ExampleMain.run(args, E004_02_ListVersusQueue::run);
    }
}
