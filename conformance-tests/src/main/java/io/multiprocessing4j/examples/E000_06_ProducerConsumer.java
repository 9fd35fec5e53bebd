package io.multiprocessing4j.examples;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.SharedQueue;
import java.util.List;

/**
 * E000-06: three producers of three items each, two consumers stopped by two sentinels.
 *
 * <p>The seed's sentinel is {@code None}; a {@code SharedQueue} refuses {@code null} (as every
 * {@code BlockingQueue} does), so the port uses a sentinel string. The seed does not join the
 * consumers; the port does, so that "consumers exit" is observed.
 */
public final class E000_06_ProducerConsumer {
    /** Stands for the seed's {@code None}. */
    static final String SENTINEL = "<None>";

    private E000_06_ProducerConsumer() {
    }

    static void producer(SharedQueue<String> q, String name, TimeScale scale) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            String res = "包子" + i;
            scale.sleep(0.5);
            System.out.printf("%s 生产了%s%n", name, res);
            q.put(res);
        }
    }

    static void consumer(SharedQueue<String> q, String name, TimeScale scale) throws InterruptedException {
        while (true) {
            String res = q.get();
            if (SENTINEL.equals(res)) {
                break;
            }
            scale.sleep(1);
            System.out.printf("%s 吃了%s%n", name, res);
        }
    }

    /**
     * Runs the example.
     *
     * @param mp the context
     * @param scale the time scale
     * @return the consumers' exit codes
     */
    public static ExampleResult run(Context mp, TimeScale scale) {
        SharedQueue<String> q = mp.queue();
        List<ChildProcess> producers = List.of(
                mp.process((String n) -> producer(q, n, scale), "生产者1"),
                mp.process((String n) -> producer(q, n, scale), "生产者2"),
                mp.process((String n) -> producer(q, n, scale), "生产者3"));
        ChildProcess c1 = mp.process((String n) -> consumer(q, n, scale), "消费者1");
        ChildProcess c2 = mp.process((String n) -> consumer(q, n, scale), "消费者2");
        producers.forEach(ChildProcess::start);
        c1.start();
        c2.start();
        producers.forEach(ChildProcess::join);
        q.put(SENTINEL);
        q.put(SENTINEL);
        System.out.println("主");
        c1.join();
        c2.join();
        return new ExampleResult().put("consumerExitCodes", c1.exitCode() + "," + c2.exitCode());
    }

    /** @param args {@code [backend] [millisPerSecond]} @throws Exception if the example fails */
    public static void main(String[] args) throws Exception {
        ExampleMain.run(args, E000_06_ProducerConsumer::run);
    }
}
